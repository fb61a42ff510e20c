/** Above this many pairwise differences the estimate is taken on quantile subsamples (4 M doubles = 32 MiB). */
const MAX_PAIRS = 1 << 22;

/**
 * Evenly spaced order statistics of a sample: its quantiles at (i + ½)/k. The empirical distribution they
 * describe differs from the full sample's by at most 1/(2k) anywhere, so the median of pairwise differences
 * moves by at most a quantile step of either side.
 */
function quantileSubsample(values: readonly number[], k: number): number[] {
  if (values.length <= k) return [...values];
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: k }, (_, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / k)]!);
}

/**
 * Hodges–Lehmann estimate of the shift between two samples: the median of all pairwise
 * differences y − x. Robust to outliers, and the estimator that goes with the Mann–Whitney test.
 * Exact up to 4 M pairs (O(m·n) time and memory); beyond, it is computed on 2,048 quantiles of each side,
 * which bounds time and memory for 10^5 samples per side and more.
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[]): number {
  if (x.length === 0 || y.length === 0) throw new RangeError('Hodges–Lehmann needs two non-empty samples');
  if (x.length * y.length > MAX_PAIRS) {
    const k = Math.floor(Math.sqrt(MAX_PAIRS));
    return hodgesLehmannShift(quantileSubsample(x, k), quantileSubsample(y, k));
  }
  const differences = new Float64Array(x.length * y.length);
  let k = 0;
  for (const yi of y) for (const xi of x) differences[k++] = yi - xi;
  differences.sort();
  const middle = differences.length >> 1;
  return differences.length % 2 === 1 ? differences[middle]! : (differences[middle - 1]! + differences[middle]!) / 2;
}
