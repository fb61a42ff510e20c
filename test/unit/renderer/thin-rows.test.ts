import { describe, expect, it } from 'vitest';
import { thinForDisplay } from '../../../src/renderer/src/components/charts/thin-rows';

/** 120 s of 10 Hz samples from `start`, two series: a slow ramp and one 1-sample spike per 10 s. */
function stream(start: number, count = 1200) {
  return Array.from({ length: count }, (_, i) => {
    const t = start + i * 100;
    return { t, total: (t / 1000) % 100, core0: t % 10_000 === 0 ? 100 : 5 };
  });
}

describe('thinForDisplay (live charts draw at most ~N points; statistics never see it)', () => {
  it('leaves short windows alone and caps long ones near the budget', () => {
    const short = stream(0, 200);
    expect(thinForDisplay(short, ['total', 'core0'], 240)).toBe(short);
    const thinned = thinForDisplay(stream(0), ['total', 'core0'], 240);
    expect(thinned.length).toBeLessThanOrEqual(241);
    expect(thinned.length).toBeGreaterThan(100);
  });

  it('keeps every spike: each series takes its bucket maximum', () => {
    const rows = stream(0);
    const spikes = rows.filter((r) => r.core0 === 100).length;
    const thinned = thinForDisplay(rows, ['total', 'core0'], 240);
    expect(thinned.filter((r) => r.core0 === 100)).toHaveLength(spikes);
    // The input rows are not modified.
    expect(rows.filter((r) => r.core0 === 100)).toHaveLength(spikes);
  });

  it('keeps the same points as the window slides, so the line does not shimmer', () => {
    const before = thinForDisplay(stream(0), ['total', 'core0'], 240);
    // One second later: ten new samples at the end, ten old ones gone at the start.
    const after = thinForDisplay(stream(1000), ['total', 'core0'], 240);
    const shared = (rows: typeof before) => rows.filter((r) => r.t >= 2000 && r.t < 110_000);
    expect(shared(after)).toEqual(shared(before));
  });
});
