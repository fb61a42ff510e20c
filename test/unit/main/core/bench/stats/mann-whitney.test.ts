import { describe, expect, it } from 'vitest';
import { hodgesLehmannShift } from '../../../../../../src/main/core/bench/stats/hodges-lehmann';
import { mannWhitneyU } from '../../../../../../src/main/core/bench/stats/mann-whitney';

// Published reference values:
// - SciPy's documentation of scipy.stats.mannwhitneyu (males vs females ages):
//   statistic 17.0, exact two-sided p 0.1111111111111111, asymptotic p 0.11134688653314041.
// - R's ?wilcox.test example (Hollander & Wolfe, permeability constants):
//   W = 35, one-sided ("greater") p-value 0.1272; conf.int = TRUE gives difference in location 0.305.
const males = [19, 22, 16, 29, 24];
const females = [20, 11, 17, 12];
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];

describe('mannWhitneyU', () => {
  it('matches SciPy: U = 17, exact p = 1/9', () => {
    const result = mannWhitneyU(males, females);
    expect(result.u1).toBe(17);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(0.1111111111111111, 12);
  });

  it('matches SciPy asymptotic p with continuity correction', () => {
    expect(mannWhitneyU(males, females, 'asymptotic').pValue).toBeCloseTo(0.11134688653314041, 6);
  });

  it("matches R's wilcox.test example: W = 35 and two-sided p = 2 × 0.1272", () => {
    const result = mannWhitneyU(x, y);
    expect(result.u1).toBe(35);
    expect(result.pValue / 2).toBeCloseTo(0.1272, 4);
  });

  it('is symmetric in its samples and gives p = 1 for identical samples', () => {
    expect(mannWhitneyU(females, males).pValue).toBeCloseTo(mannWhitneyU(males, females).pValue, 12);
    const same = [1, 2, 3, 4, 5, 6];
    expect(mannWhitneyU(same, same).pValue).toBe(1);
  });

  it('uses the tie-corrected normal approximation when values tie, and finds a clear shift', () => {
    const a = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
    const b = [6, 6, 7, 7, 8, 8, 9, 9, 10, 10];
    const result = mannWhitneyU(a, b);
    expect(result.method).toBe('asymptotic');
    expect(result.pValue).toBeLessThan(0.001);
    expect(() => mannWhitneyU(a, b, 'exact')).toThrow(/no ties/);
    expect(() => mannWhitneyU([], b)).toThrow(RangeError);
  });
});

describe('hodgesLehmannShift', () => {
  it("matches R's wilcox.test(conf.int = TRUE) difference in location, 0.305", () => {
    expect(hodgesLehmannShift(y, x)).toBeCloseTo(0.305, 3);
  });

  it('recovers a pure shift exactly', () => {
    const base = [10, 12, 11, 15, 13, 14];
    expect(
      hodgesLehmannShift(
        base,
        base.map((v) => v + 2.5),
      ),
    ).toBe(2.5);
  });
});
