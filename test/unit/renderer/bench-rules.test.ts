import { describe, expect, it } from 'vitest';
import { etaSeconds, latencyCurve, primaryResults, scalingCurve } from '../../../src/renderer/src/stores/bench-rules';
import { appendSamples, windowSize } from '../../../src/renderer/src/stores/telemetry-window';
import type { BenchmarkResult, Run } from '../../../src/shared/schemas/bench';
import type { TelemetrySample } from '../../../src/shared/schemas/telemetry';

/** Enough of a summary for the page's rules: median and a CI around it. */
function summarize(samples: number[]): BenchmarkResult['summary'] {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const none = { method: 'modified-z-score (MAD) and Tukey fences' as const, mild: [], severe: [], modifiedZ: [] };
  return {
    n: samples.length,
    median,
    mean: median,
    stddev: 0,
    mad: 0,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    p90: sorted.at(-1)!,
    p99: sorted.at(-1)!,
    medianCi: [sorted[0]!, sorted.at(-1)!],
    relativeHalfWidth: 0,
    outliers: none,
  };
}

function result(id: string, params: BenchmarkResult['params'], samples: number[]): BenchmarkResult {
  return {
    id,
    title: id,
    params,
    unit: 'x',
    direction: 'lower-is-better',
    samples,
    summary: summarize(samples),
    plan: { warmupRuns: 0, minSamples: 6, maxSamples: 10, budgetMs: 1, targetRelativeHalfWidth: 0.03 },
    stopReason: 'max-samples',
    warnings: [],
    extras: {},
  };
}

const run: Run = {
  id: 1,
  kind: 'cpu',
  name: 'CPU quick',
  fingerprint: 'f',
  startedAt: '',
  finishedAt: null,
  status: 'completed',
  error: null,
  settings: { preset: 'quick', level: 'basic', options: {} },
  results: [
    result('latency-4194304', { bytes: 4 * 2 ** 20 }, [12, 13, 12, 12, 14, 12]),
    result('latency-16384', { bytes: 16384 }, [1, 1, 1, 1, 1, 1]),
    result('gemm-512-t2', { threads: 2 }, [380, 381, 379, 382, 380, 380]),
    result('gemm-512-t1', { threads: 1 }, [200, 201, 199, 202, 200, 200]),
    result('1-true:rss', {}, [1, 1, 1, 1, 1, 1]),
  ],
  failures: [],
  warnings: [],
  telemetry: null,
};

describe('bench page rules', () => {
  it('orders the latency curve by working set and labels sizes', () => {
    const curve = latencyCurve(run);
    expect(curve.map((p) => p.label)).toEqual(['16 KiB', '4 MiB']);
    expect(curve[1]!.median).toBe(12);
    expect(curve[1]!.low).toBeLessThanOrEqual(12);
    expect(curve[1]!.high).toBeGreaterThanOrEqual(12);
  });

  it('draws ideal linear scaling from the 1-thread median', () => {
    const curve = scalingCurve(run);
    expect(curve.map((p) => [p.x, p.ideal])).toEqual([
      [1, 200],
      [2, 400],
    ]);
  });

  it('hides secondary command metrics from the primary list', () => {
    expect(primaryResults(run).map((r) => r.id)).not.toContain('1-true:rss');
  });

  it('estimates time left only once it means something', () => {
    expect(etaSeconds(0.01, 60_000)).toBeNull();
    expect(etaSeconds(0.5, 1000)).toBeNull();
    expect(etaSeconds(0.25, 30_000)).toBe(90);
  });
});

describe('telemetry window', () => {
  it('keeps the newest samples up to the window without mutating its input', () => {
    const sample = (t: number) => ({ t }) as TelemetrySample;
    const window = [sample(1), sample(2)];
    const next = appendSamples(window, [sample(3), sample(4)], 3);
    expect(next.map((s) => s.t)).toEqual([2, 3, 4]);
    expect(window.map((s) => s.t)).toEqual([1, 2]);
    expect(appendSamples(window, [], 3)).toBe(window);
    expect(windowSize(10, 120)).toBe(1200);
    expect(windowSize(0.5, 1)).toBe(2);
  });
});
