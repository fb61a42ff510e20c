import { medianOf } from './quantiles';

/**
 * Hodges–Lehmann estimate of the shift between two samples: the median of all pairwise
 * differences y − x. Robust to outliers, and the estimator that goes with the Mann–Whitney test.
 * O(m·n) memory; benchmark samples are at most a few thousand.
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[]): number {
  if (x.length === 0 || y.length === 0) throw new RangeError('Hodges–Lehmann needs two non-empty samples');
  const differences = new Float64Array(x.length * y.length);
  let k = 0;
  for (const yi of y) for (const xi of x) differences[k++] = yi - xi;
  return medianOf(Array.from(differences));
}
