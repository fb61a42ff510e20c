import { describe, expect, it } from 'vitest';
import {
  downsampleTelemetry,
  MAX_SERIES_POINTS,
  summarizeTelemetry,
} from '../../../../../src/main/core/bench/telemetry-summary';
import { RunSchema } from '../../../../../src/shared/schemas/bench';
import type { TelemetrySample } from '../../../../../src/shared/schemas/telemetry';

const GiB = 2 ** 30;

function sample(t: number, cpu: number, usedGiB: number, gpus: TelemetrySample['gpus'] = []): TelemetrySample {
  return {
    t,
    cpu: { totalPct: cpu, perCorePct: [cpu], freqMHz: [], temperatureC: null },
    memory: { usedBytes: usedGiB * GiB, availableBytes: (16 - usedGiB) * GiB, totalBytes: 16 * GiB },
    gpus,
    npus: [],
  };
}

function gpu(index: number, utilizationPct: number | null, powerW: number | null): TelemetrySample['gpus'][number] {
  return {
    index,
    utilizationPct,
    powerW,
    memoryUsedMiB: null,
    memoryTotalMiB: null,
    smClockMHz: null,
    temperatureC: null,
    throttleReasons: [],
  };
}

describe('telemetry series', () => {
  it('keeps every sample of a short run as a point, in seconds since the run started', () => {
    const start = 1_700_000_000_000;
    const series = downsampleTelemetry([sample(start + 1000, 50, 4), sample(start + 500, 20, 2)], start);
    expect(series).toEqual({
      sliceS: null,
      points: [
        { t: 0.5, cpuPct: 20, memoryPct: 12.5, gpus: [] },
        { t: 1, cpuPct: 50, memoryPct: 25, gpus: [] },
      ],
    });
  });

  it('averages a long run into at most 300 time slices, per GPU, and leaves a pause as a gap', () => {
    const start = 0;
    // 20 minutes at 2 Hz with a 5-minute pause in the middle: 1,800 samples.
    const samples: TelemetrySample[] = [];
    for (let i = 0; i < 2400; i += 1) {
      if (i >= 1000 && i < 1600) continue;
      samples.push(
        sample(i * 500, i % 2 === 0 ? 10 : 30, 8, [gpu(0, i % 2 === 0 ? 80 : 100, 200), gpu(1, null, null)]),
      );
    }
    const series = downsampleTelemetry(samples, start);
    expect(series.points.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(series.points.length).toBeGreaterThan(200);
    expect(series.sliceS).toBeCloseTo((2399 * 0.5) / MAX_SERIES_POINTS, 2);
    for (const point of series.points) {
      expect(point.cpuPct).toBe(20);
      expect(point.memoryPct).toBe(50);
      expect(point.gpus).toEqual([
        { index: 0, utilizationPct: 90, powerW: 200 },
        { index: 1, utilizationPct: null, powerW: null },
      ]);
    }
    const times = series.points.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The pause (500 s to 800 s) has no point; the largest step between points spans it.
    expect(times.some((t) => t > 505 && t < 795)).toBe(false);
    expect(Math.max(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThan(290);
  });

  it('goes into the run summary, which a run without it (stored before) still parses as', () => {
    const summary = summarizeTelemetry([sample(2000, 40, 4), sample(2500, 60, 4)], 1000)!;
    expect(summary.cpuMeanPct).toBe(50);
    expect(summary.series?.points.map((p) => p.t)).toEqual([1, 1.5]);
    const run = {
      id: 1,
      kind: 'cpu',
      name: 'old',
      fingerprint: 'f',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: null,
      status: 'completed',
      error: null,
      settings: { preset: 'quick', level: 'basic', options: {} },
      results: [],
      failures: [],
      warnings: [],
    };
    const { series: _series, ...old } = summary;
    expect(RunSchema.parse({ ...run, telemetry: old }).telemetry).toEqual(old);
    expect(RunSchema.parse({ ...run, telemetry: summary }).telemetry).toEqual(summary);
  });
});
