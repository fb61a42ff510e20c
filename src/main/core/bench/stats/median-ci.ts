import { binomialDistribution, probit } from 'simple-statistics';

/** Smallest sample count with a 95 % distribution-free CI of the median (as benchstat requires). */
export const MIN_SAMPLES_FOR_CI = 6;

/**
 * Distribution-free confidence interval for the median from order statistics. With
 * B ~ Binomial(n, ½), the interval [X(j), X(n−j+1)] covers the median with probability
 * 1 − 2·P(B ≤ j−1); j is the largest rank that keeps this ≥ the confidence asked. No
 * assumption about the shape of the timing distribution (usually skewed) is made.
 * Returns 0-based indices into the sorted sample, or null when n is too small.
 */
export function medianCiRanks(n: number, confidence = 0.95): [number, number] | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const alpha = 1 - confidence;
  let j = 0;
  if (n <= 1000) {
    const pmf = binomialDistribution(n, 0.5);
    if (!pmf) return null;
    let tail = 0; // P(B ≤ j−1) for the candidate j + 1
    for (let candidate = 1; candidate <= Math.floor(n / 2); candidate += 1) {
      tail += pmf[candidate - 1]!;
      if (2 * tail > alpha) break;
      j = candidate;
    }
  } else {
    // Normal approximation of the binomial, with continuity correction, for large n.
    const z = probit(1 - alpha / 2);
    j = Math.floor((n + 1) / 2 - (z * Math.sqrt(n)) / 2);
  }
  if (j < 1) return null;
  return [j - 1, n - j];
}

export function medianCi(sorted: readonly number[], confidence = 0.95): [number, number] | null {
  const ranks = medianCiRanks(sorted.length, confidence);
  return ranks ? [sorted[ranks[0]]!, sorted[ranks[1]]!] : null;
}

/**
 * The larger of the two half-widths of a median's CI, relative to the median: order-statistic intervals of skewed
 * timings are asymmetric, and their mean half-width would call a result precise that is not on its long side.
 */
export function relativeHalfWidthOf(ci: readonly [number, number], median: number): number | null {
  if (median === 0) return null;
  return Math.max(median - ci[0], ci[1] - median) / Math.abs(median);
}
