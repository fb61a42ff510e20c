import { describe, expect, it } from 'vitest';
import { gainOverDefaults, type Side } from '../../../../../../src/main/core/inference/autotune/gain';
import { pooledMeasurement } from '../../../../../../src/main/core/inference/autotune/measure';

/** n per-run times spread evenly ±5 % around `ms`, in an order that interleaves low and high values. */
function side(ms: number, n = 40, items = 1): Side {
  const samples = Array.from({ length: n }, (_, i) => ms * (0.95 + (0.1 * ((i * 7) % n)) / (n - 1)));
  return {
    measurement: pooledMeasurement(
      [
        {
          samples,
          n,
          p50Ms: 0,
          p50CiMs: null,
          throughput: 0,
          throughputIqr: [0, 0],
          peakRssMiB: 50,
          budgetMs: 100,
          warnings: [],
        },
      ],
      items,
    ),
    items,
  };
}

const confirmed = (best: Side, defaults: Side) => ({ best, defaults, rounds: 2, budgetMsPerRound: 100, error: null });

describe('gainOverDefaults', () => {
  it('measures the gain on the confirmation A/B, not on the samples that chose the winner', () => {
    // The selection round flattered the winner (2 ms vs 4 ms); measured again, it is no faster than the defaults.
    const selection = { best: side(2), defaults: side(4), isDefault: false };
    const gain = gainOverDefaults('latency', selection, confirmed(side(4, 60), side(4, 60)));
    expect(gain.basis).toBe('confirmation A/B');
    expect(gain.confirmation).toEqual({ rounds: 2, budgetMsPerRound: 100 });
    expect(gain.verdict).toBe('no significant change');
    expect(gain.factor).toBeCloseTo(1, 6);
    expect(gain.relativeChange).toBeCloseTo(0, 6);
    expect(gain.relativeChangeCi[0]).toBeLessThanOrEqual(0);
    expect(gain.relativeChangeCi[1]).toBeGreaterThanOrEqual(0);
    expect(gain.pValue).toBeGreaterThan(0.05);
    expect([gain.best.n, gain.defaults.n]).toEqual([60, 60]);
    // What the search saw stays available, labelled apart.
    expect(gain.selection.factor).toBeCloseTo(2, 6);
    expect(gain.selection.relativeChange).toBeCloseTo(-0.5, 6);
    expect([gain.selection.best.n, gain.selection.defaults.n]).toEqual([40, 40]);
  });

  it('reports a confirmed gain with its CI and p, for throughput in items/s', () => {
    const selection = { best: side(1, 40, 8), defaults: side(1, 40, 1), isDefault: false };
    const gain = gainOverDefaults('throughput', selection, confirmed(side(2, 40, 8), side(1, 40, 1)));
    expect(gain.unit).toBe('items/s');
    expect(gain.verdict).toBe('better');
    // 8 items in 2 ms against 1 item in 1 ms: 4× the items/s, where the search saw 8×.
    expect(gain.factor).toBeCloseTo(4, 6);
    expect(gain.selection.factor).toBeCloseTo(8, 6);
    expect(gain.relativeChangeCi[0]).toBeGreaterThan(0);
    expect(gain.pValue).toBeLessThan(0.05);
  });

  it("maps compareSamples' inconclusive (too few values to test) and says why", () => {
    const selection = { best: side(2), defaults: side(4), isDefault: false };
    const gain = gainOverDefaults('latency', selection, confirmed(side(2, 3), side(4, 3)));
    expect(gain.verdict).toBe('inconclusive');
    expect(gain.reason).toMatch(/3 vs 3 values cannot reach p < 0\.05/);
  });

  it('keeps "the defaults were best" with no confirmation when the defaults won', () => {
    const defaults = side(4);
    const gain = gainOverDefaults('latency', { best: defaults, defaults, isDefault: true }, null);
    expect(gain.verdict).toBe('the defaults were best');
    expect(gain.basis).toBe('selection round');
    expect(gain.confirmation).toBeNull();
    expect(gain.factor).toBe(1);
  });

  it('does not judge the selection figures when the confirmation failed', () => {
    const selection = { best: side(2), defaults: side(4), isDefault: false };
    const gain = gainOverDefaults('latency', selection, { error: 'winner in round 2 of 2: worker crashed' });
    expect(gain.basis).toBe('selection round');
    expect(gain.verdict).toBe('inconclusive');
    expect(gain.reason).toMatch(/confirmation A\/B failed \(winner in round 2 of 2: worker crashed\)/);
  });

  it('refuses a winner other than the defaults without a confirmation', () => {
    expect(() => gainOverDefaults('latency', { best: side(2), defaults: side(4), isDefault: false }, null)).toThrow(
      /needs a confirmation A\/B/,
    );
  });
});
