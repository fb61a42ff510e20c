import { compareSamples } from '../../bench/compare';
import type { Figure, Gain, Measurement, Objective, SampledMeasurement } from './types';

/** One configuration's measurement and the items one of its runs processes (batch × requests in flight). */
export interface Side {
  measurement: SampledMeasurement;
  items: number;
}

/**
 * The A/B measured after the search (see confirm.ts), or why it failed. Null when the defaults won:
 * there is no gain to confirm.
 */
export type Confirmation =
  { best: Side; defaults: Side; rounds: number; budgetMsPerRound: number; error: null } | { error: string };

/** items/s per run. */
function throughputSamples(side: Side): number[] {
  return side.measurement.samples.map((ms) => (side.items * 1000) / ms);
}

function figure(m: Measurement, objective: Objective): Figure {
  return objective === 'latency'
    ? { median: m.p50Ms, spread: m.p50CiMs, spreadKind: '95% CI of the median', n: m.n }
    : { median: m.throughput, spread: m.throughputIqr, spreadKind: 'interquartile range', n: m.n };
}

/** defaults/best for latency, best/defaults for throughput: how many times better the best is. */
function factorOf(objective: Objective, best: Figure, defaults: Figure): number {
  return objective === 'latency' ? defaults.median / best.median : best.median / defaults.median;
}

/** The change of medians with a 95 % bootstrap CI and Mann–Whitney p, as `tunebench compare` tests it. */
function compare(objective: Objective, best: Side, defaults: Side) {
  const latency = objective === 'latency';
  const base = latency ? defaults.measurement.samples : throughputSamples(defaults);
  const head = latency ? best.measurement.samples : throughputSamples(best);
  return compareSamples(base, head, { direction: latency ? 'lower-is-better' : 'higher-is-better' });
}

/**
 * The best configuration against the defaults. The figures, change, p and verdict come from the
 * confirmation A/B, never from the selection round: the winner won that round partly by the luck of
 * its samples, so measuring its gain on them would overstate it (the winner's curse). The selection
 * round's figures are kept apart, as what the search saw.
 */
export function gainOverDefaults(
  objective: Objective,
  selection: { best: Side; defaults: Side; isDefault: boolean },
  confirmation: Confirmation | null,
): Gain {
  const latency = objective === 'latency';
  const common = { metric: latency ? 'p50 latency' : 'throughput', unit: latency ? 'ms' : 'items/s' } as const;
  const seen = {
    best: figure(selection.best.measurement, objective),
    defaults: figure(selection.defaults.measurement, objective),
  };
  const selectionFigures = {
    ...seen,
    factor: factorOf(objective, seen.best, seen.defaults),
    relativeChange: seen.best.median / seen.defaults.median - 1,
  };
  // Gains read off the selection round: for the defaults against themselves, or when the confirmation failed.
  const fromSelectionRound = (verdict: 'the defaults were best' | 'inconclusive', reason?: string) => {
    const seenChange = compare(objective, selection.best, selection.defaults);
    return {
      ...common,
      basis: 'selection round' as const,
      confirmation: null,
      ...seen,
      factor: selectionFigures.factor,
      relativeChange: seenChange.relativeChange,
      relativeChangeCi: seenChange.ci,
      pValue: seenChange.pValue,
      verdict,
      ...(reason === undefined ? {} : { reason }),
      selection: selectionFigures,
    };
  };
  if (selection.isDefault || confirmation === null) {
    if (!selection.isDefault) throw new RangeError('a winner other than the defaults needs a confirmation A/B');
    // The same measurement on both sides: no change, nothing to confirm.
    return fromSelectionRound('the defaults were best');
  }
  if (confirmation.error !== null) {
    // Only the biased figures are left: shown, but not judged.
    return fromSelectionRound(
      'inconclusive',
      `the confirmation A/B failed (${confirmation.error}); these are the selection round's figures, which favour the winner`,
    );
  }
  const confirmed = {
    best: figure(confirmation.best.measurement, objective),
    defaults: figure(confirmation.defaults.measurement, objective),
  };
  const comparison = compare(objective, confirmation.best, confirmation.defaults);
  const verdict =
    comparison.verdict === 'faster'
      ? 'better'
      : comparison.verdict === 'slower'
        ? 'worse'
        : comparison.verdict === 'inconclusive'
          ? 'inconclusive'
          : 'no significant change';
  return {
    ...common,
    basis: 'confirmation A/B',
    confirmation: { rounds: confirmation.rounds, budgetMsPerRound: confirmation.budgetMsPerRound },
    ...confirmed,
    factor: factorOf(objective, confirmed.best, confirmed.defaults),
    relativeChange: comparison.relativeChange,
    relativeChangeCi: comparison.ci,
    pValue: comparison.pValue,
    verdict,
    ...(comparison.reason ? { reason: comparison.reason } : {}),
    selection: selectionFigures,
  };
}
