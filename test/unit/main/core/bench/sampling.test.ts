import { describe, expect, it } from 'vitest';
import { planFor, samplingWarnings, stopReason } from '../../../../../src/main/core/bench/sampling';

describe('the stopping rule', () => {
  const plan = planFor('basic', { minSamples: 6, maxSamples: 8, budgetMs: 1000 });

  it('keeps sampling below the minimum count, however tight the data', () => {
    expect(stopReason([10, 10, 10, 10, 10], plan, 0)).toBeNull();
  });

  it('stops at the precision target once the minimum is reached, even at the maximum count', () => {
    expect(stopReason([10, 10.1, 10, 10.2, 10, 10.1], plan, 0)).toBe('precision-reached');
    const tightAtMax = [10, 10.1, 10, 10.2, 10, 10.1, 10, 10];
    expect(stopReason(tightAtMax, plan, 0)).toBe('precision-reached');
    expect(samplingWarnings(tightAtMax, plan, 'precision-reached')).toEqual([]);
  });

  it('stops at the maximum count or the budget with a warning naming what was not reached', () => {
    const noisy = [10, 20, 10, 20, 10, 20, 10, 20];
    expect(stopReason(noisy, plan, 0)).toBe('max-samples');
    expect(samplingWarnings(noisy, plan, 'max-samples')[0]).toMatch(
      /precision target ±3.0 % not reached \(±\d+\.\d % after 8 samples, stopped at the maximum sample count\)/,
    );
    expect(stopReason([10, 20, 10, 20, 10, 20], plan, 1000)).toBe('time-budget');
    expect(samplingWarnings([10, 20], plan, 'time-budget')[0]).toMatch(/too small: 2 of the minimum 6 samples/);
  });

  it('refuses plans that cannot give a confidence interval', () => {
    expect(() => planFor('basic', { minSamples: 5 })).toThrow(/at least 6/);
    expect(() => planFor('basic', { minSamples: 10, maxSamples: 8 })).toThrow(/maxSamples/);
    expect(planFor('aggressive').targetRelativeHalfWidth).toBe(0.005);
  });
});

describe('relativeHalfWidth (the fast path of the stopping rule)', () => {
  it('agrees with the full summary for odd and even counts', async () => {
    const { relativeHalfWidth } = await import('../../../../../src/main/core/bench/sampling');
    const { summarize } = await import('../../../../../src/main/core/bench/stats/summary');
    for (const samples of [
      [5, 3, 9, 4, 4, 6, 7],
      [10, 12, 11, 13, 9, 10, 14, 12],
      Array.from({ length: 101 }, (_, i) => 100 + ((i * 37) % 17)),
    ]) {
      expect(relativeHalfWidth(samples)).toBeCloseTo(summarize(samples).relativeHalfWidth!, 12);
    }
    expect(relativeHalfWidth([1, 2, 3])).toBeNull();
  });
});
