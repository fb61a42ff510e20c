import { describe, expect, it } from 'vitest';
import {
  downsample,
  machineSeries,
  metricKey,
  pointLabel,
  seriesSummary,
  shownCount,
  type ChartPoint,
} from '../../../src/renderer/src/stores/history-rules';
import type { HistoryMetric, HistoryPoint } from '../../../src/shared/schemas/history';

function point(runId: number, fingerprint: string, median: number, extra: Partial<HistoryPoint> = {}): HistoryPoint {
  return {
    runId,
    startedAt: new Date(Date.UTC(2026, 0, 1) + runId * 60_000).toISOString(),
    fingerprint,
    machine: fingerprint === 'aaaa' ? 'box-a · CPU' : null,
    commit: null,
    dirty: null,
    status: 'completed',
    median,
    ciLow: median * 0.99,
    ciHigh: median * 1.01,
    n: 20,
    ...extra,
  };
}

const metric: HistoryMetric = {
  kind: 'cpu',
  benchmarkId: 'gemm',
  scope: null,
  title: 'GEMM',
  unit: 'GFLOP/s',
  direction: 'higher-is-better',
  runs: 0,
  lastAt: '',
};

describe('history rules', () => {
  it('groups points per machine, oldest first, with a CI band and a label', () => {
    const series = machineSeries([
      point(3, 'aaaa', 10),
      point(1, 'aaaa', 9),
      point(2, 'bbbbbbbbbb', 20, { ciLow: null }),
    ]);
    expect(series.map((s) => [s.label, s.points.map((p) => p.runId)])).toEqual([
      ['box-a · CPU', [1, 3]],
      ['machine bbbbbbbb', [2]],
    ]);
    expect(series[0]!.points[0]!.band).toEqual([9 * 0.99, 9 * 1.01]);
    expect(series[1]!.points[0]!.band).toBeNull();
    expect(series[0]!.color).not.toBe(series[1]!.color);
  });

  it('labels a point by its commit when it has one', () => {
    expect(pointLabel(point(7, 'a', 1))).toBe('#7');
    expect(pointLabel(point(7, 'a', 1, { commit: '0123456789abcdef', dirty: true }))).toBe('#7 · 01234567*');
  });

  it('draws every point up to the budget and an LTTB selection beyond it, keeping the peaks and the ends', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      point(i + 1, i % 4 === 0 ? 'bbbb' : 'aaaa', i === 5001 ? 500 : 100 + Math.sin(i / 50)),
    );
    const series = machineSeries(many, 2000);
    const shown = shownCount(series);
    expect(shown).toBeLessThanOrEqual(2000);
    expect(shown).toBeGreaterThan(1900);
    const a = series.find((s) => s.fingerprint === 'aaaa')!;
    expect(a.points).toHaveLength(7500);
    // The spike survives, the first and last points too, and each kept point keeps its CI.
    expect(a.shown.some((p) => p.median === 500)).toBe(true);
    expect(a.shown[0]).toBe(a.points[0]);
    expect(a.shown.at(-1)).toBe(a.points.at(-1));
    expect(a.shown.every((p) => p.band !== null)).toBe(true);
    // Below the budget nothing is dropped.
    expect(shownCount(machineSeries(many.slice(0, 1500), 2000))).toBe(1500);
  });

  it('never returns fewer than three points for a thinned series', () => {
    const pts = machineSeries(Array.from({ length: 50 }, (_, i) => point(i, 'a', i)))[0]!.points as ChartPoint[];
    expect(downsample(pts, 1)).toHaveLength(3);
  });

  it('says in words what the chart shows', () => {
    const series = machineSeries([point(1, 'aaaa', 9), point(2, 'aaaa', 11)]);
    const text = seriesSummary(metric, series, (v) => `${v} GFLOP/s`);
    expect(text).toMatch(/^GEMM, median per run in GFLOP\/s \(higher is better\): 2 runs on 1 machine from /);
    expect(text).toContain('range 9 GFLOP/s to 11 GFLOP/s, latest 11 GFLOP/s (run #2)');
  });

  it('keys a metric by kind, project, id and unit', () => {
    expect(metricKey({ kind: 'project', scope: '/p', benchmarkId: 'build', unit: 'ms' })).not.toBe(
      metricKey({ kind: 'project', scope: '/q', benchmarkId: 'build', unit: 'ms' }),
    );
  });
});
