import { describe, expect, it } from 'vitest';
import { medianCiRanks } from '../../../../../../src/main/core/bench/stats/median-ci';
import { summarize } from '../../../../../../src/main/core/bench/stats/summary';

describe('medianCiRanks (order-statistic CI of the median)', () => {
  it('needs 6 samples for 95 %, as benchstat does', () => {
    expect(medianCiRanks(5)).toBeNull();
    expect(medianCiRanks(6)).toEqual([0, 5]);
  });

  it('matches the published table: n = 10 → (X(2), X(9)), n = 20 → (X(6), X(15))', () => {
    // Conover, Practical Nonparametric Statistics, Table A3 (binomial, p = ½).
    expect(medianCiRanks(10)).toEqual([1, 8]);
    expect(medianCiRanks(20)).toEqual([5, 14]);
  });

  it('agrees between the exact and the normal approximation around n = 1000', () => {
    const exact = medianCiRanks(1000)!;
    const approx = medianCiRanks(1001)!;
    expect(Math.abs(exact[0] - approx[0])).toBeLessThanOrEqual(1);
  });
});

describe('summarize', () => {
  it('computes centre, spread, tails and flags (does not drop) outliers', () => {
    const samples = [10, 11, 10.5, 10.2, 10.8, 10.1, 10.4, 10.3, 10.6, 50];
    const summary = summarize(samples);
    expect(summary.n).toBe(10);
    expect(summary.median).toBeCloseTo(10.45, 10);
    expect(summary.min).toBe(10);
    expect(summary.max).toBe(50);
    expect(summary.medianCi).toEqual([10.1, 11]);
    // The larger of the two sides of the asymmetric interval [10.1, 11] around 10.45.
    expect(summary.relativeHalfWidth).toBeCloseTo(Math.max(10.45 - 10.1, 11 - 10.45) / 10.45, 10);
    expect(summary.outliers.severe).toEqual([9]);
    expect(summary.outliers.modifiedZ).toEqual([9]);
    expect(summary.mean).toBeCloseTo(samples.reduce((a, b) => a + b) / 10, 10);
  });

  it('refuses empty and non-finite samples', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
  });
});
