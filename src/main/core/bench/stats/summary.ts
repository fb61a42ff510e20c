import { mean, medianAbsoluteDeviation, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import type { Summary } from '../../../../shared/schemas/bench';
import { medianCi, relativeHalfWidthOf } from './median-ci';
import { findOutliers } from './outliers';
import { sortedCopy } from './quantiles';

/** Everything a result carries besides its samples: centre, spread, tails, CI and outliers. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('cannot summarize zero samples');
  if (samples.some((value) => !Number.isFinite(value))) throw new RangeError('samples must be finite numbers');
  const sorted = sortedCopy(samples);
  const median = quantileSorted(sorted, 0.5);
  const ci = medianCi(sorted);
  return {
    n: samples.length,
    median,
    mean: mean(sorted),
    stddev: samples.length > 1 ? sampleStandardDeviation(sorted) : 0,
    mad: medianAbsoluteDeviation(sorted),
    min: sorted[0]!,
    max: sorted.at(-1)!,
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    medianCi: ci,
    relativeHalfWidth: ci ? relativeHalfWidthOf(ci, median) : null,
    outliers: findOutliers(samples),
  };
}
