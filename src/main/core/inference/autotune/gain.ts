import { compareSamples } from '../../bench/compare';
import type { Figure, Gain, Measurement, Objective, SampledMeasurement } from './types';

/** items/s per run; items is what one run processes (batch × requests in flight). */
function throughputSamples(m: SampledMeasurement, items: number): number[] {
  return m.samples.map((ms) => (items * 1000) / ms);
}

function figure(m: Measurement, objective: Objective): Figure {
  return objective === 'latency'
    ? { median: m.p50Ms, spread: m.p50CiMs, spreadKind: '95% CI of the median', n: m.n }
    : { median: m.throughput, spread: m.throughputIqr, spreadKind: 'interquartile range', n: m.n };
}

/**
 * The best configuration against the defaults, on their measurements of the same round (same
 * budget): the change of medians with a 95 % bootstrap CI and a Mann–Whitney p-value, the tests
 * `tunebench compare` uses, on ms per run (latency) or items/s per run (throughput).
 */
export function gainOverDefaults(
  objective: Objective,
  best: { measurement: SampledMeasurement; items: number; isDefault: boolean },
  defaults: { measurement: SampledMeasurement; items: number },
): Gain {
  const latency = objective === 'latency';
  const base = latency ? defaults.measurement.samples : throughputSamples(defaults.measurement, defaults.items);
  const head = latency ? best.measurement.samples : throughputSamples(best.measurement, best.items);
  const comparison = compareSamples(base, head, {
    direction: latency ? 'lower-is-better' : 'higher-is-better',
  });
  const bestFigure = figure(best.measurement, objective);
  const defaultFigure = figure(defaults.measurement, objective);
  const verdict = best.isDefault
    ? 'the defaults were best'
    : comparison.verdict === 'faster'
      ? 'better'
      : comparison.verdict === 'slower'
        ? 'worse'
        : 'no significant change';
  return {
    metric: latency ? 'p50 latency' : 'throughput',
    unit: latency ? 'ms' : 'items/s',
    best: bestFigure,
    defaults: defaultFigure,
    factor: latency ? defaultFigure.median / bestFigure.median : bestFigure.median / defaultFigure.median,
    relativeChange: comparison.relativeChange,
    relativeChangeCi: comparison.ci,
    pValue: comparison.pValue,
    verdict,
  };
}
