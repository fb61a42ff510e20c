import { signedPercent } from '../../../../shared/format';
import type { Comparison } from '../../../../shared/schemas/bench';
import type { MetricVerdict, OverallVerdict, TuneMetric } from '../../../../shared/schemas/tune';
import { compareSamples } from '../../bench/compare';
import { summarize } from '../../bench/stats/summary';

/** A size that moves by less than this is the same size (padding, timestamps, build ids). */
export const SIZE_THRESHOLD = 0.01;

function side(samples: readonly number[]): MetricVerdict['baseline'] {
  const summary = summarize(samples);
  return {
    median: summary.median,
    n: samples.length,
    low: summary.medianCi?.[0] ?? summary.min,
    high: summary.medianCi?.[1] ?? summary.max,
  };
}

/** The engine's verdict in tune's words; "inconclusive" stays apart from "same": it was never testable. */
function metricVerdictOf(verdict: Comparison['verdict']): MetricVerdict['verdict'] {
  if (verdict === 'faster') return 'better';
  if (verdict === 'slower') return 'worse';
  if (verdict === 'inconclusive') return 'inconclusive';
  return 'same';
}

/** Timed metrics: the engine's comparison (bootstrap CI, Mann–Whitney, noise threshold). */
export function timedVerdict(
  metric: TuneMetric,
  title: string,
  unit: string,
  baseline: readonly number[],
  candidate: readonly number[],
): MetricVerdict {
  const comparison = compareSamples(baseline, candidate, { direction: 'lower-is-better' });
  return {
    metric,
    title,
    unit,
    baseline: side(baseline),
    candidate: side(candidate),
    change: comparison.relativeChange,
    ciLow: comparison.ci[0],
    ciHigh: comparison.ci[1],
    pValue: comparison.pValue,
    verdict: metricVerdictOf(comparison.verdict),
    ...(comparison.verdict === 'inconclusive'
      ? { reason: comparison.reason ?? 'the comparison cannot be decided' }
      : {}),
  };
}

/** Sizes are deterministic (n = 1 each side): the change is exact, so there is no p-value. */
export function sizeVerdict(title: string, baselineBytes: number, candidateBytes: number): MetricVerdict {
  const change = baselineBytes > 0 ? candidateBytes / baselineBytes - 1 : 0;
  const one = (bytes: number) => ({ median: bytes, n: 1, low: bytes, high: bytes });
  return {
    metric: 'artifact-size',
    title,
    unit: 'B',
    baseline: one(baselineBytes),
    candidate: one(candidateBytes),
    change,
    ciLow: change,
    ciHigh: change,
    pValue: null,
    verdict: change < -SIZE_THRESHOLD ? 'better' : change > SIZE_THRESHOLD ? 'worse' : 'same',
  };
}

/**
 * Improved when at least one targeted metric got better and none got worse; regressed when any
 * got worse (a trade-off is not an improvement to keep automatically); otherwise inconclusive when
 * a metric could not be decided (its "no change" was never tested), else no change.
 */
export function overallVerdict(metrics: readonly MetricVerdict[]): OverallVerdict {
  if (metrics.some((m) => m.verdict === 'worse')) return 'regressed';
  if (metrics.some((m) => m.verdict === 'better')) return 'improved';
  if (metrics.some((m) => m.verdict === 'inconclusive')) return 'inconclusive';
  return 'no-change';
}

const percent = (value: number): string => signedPercent(value, ' ');

/** One line per metric: "bench: cargo bench −35.2 % [−36.0, −34.1] p=0.000 (n=12/12) better". */
export function describeMetric(m: MetricVerdict): string {
  const ci =
    m.pValue === null ? 'exact' : `95 % CI [${percent(m.ciLow)}, ${percent(m.ciHigh)}], p=${m.pValue.toPrecision(2)}`;
  const verdict = m.verdict === 'inconclusive' ? `inconclusive: ${m.reason ?? 'cannot be decided'}` : m.verdict;
  return `${m.title}: ${percent(m.change)} (${ci}; n=${m.baseline.n}/${m.candidate.n}) → ${verdict}`;
}
