import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/main/core/bench/stats/summary';
import { throughputByBatch } from '../../../src/shared/curves';
import type { Run } from '../../../src/shared/schemas/bench';
import { latencyResult } from '../../helpers/benchmark-result';

const result = (id: string, params: Record<string, string | number>, samples: number[], items?: number) =>
  latencyResult(id, params, samples, items === undefined ? {} : { 'items per sample': items });

const ms = (centre: number) => [0.96, 0.98, 0.99, 1, 1, 1.01, 1.02, 1.04].map((f) => f * centre);
const mlp = (precision: string, batch: number, extra: Record<string, number> = {}) => ({
  modelPath: `/m/mlp-${precision}.onnx`,
  precision,
  device: 'cpu',
  batch,
  ...extra,
});

describe('throughputByBatch', () => {
  it('gives one line per setting over batch sizes, in items/s with the CI ends swapped', () => {
    const run = {
      results: [
        result('infer-mlp-fp32-cpu-b8', mlp('fp32', 8), ms(4), 8),
        result('infer-mlp-fp32-cpu-b1', mlp('fp32', 1), ms(1), 1),
        result('infer-mlp-int8-cpu-b1', mlp('int8', 1), ms(0.5), 1),
        // Two requests in flight: another line, and 2 × 8 items per sample.
        result('infer-mlp-fp32-cpu-b8-p2', mlp('fp32', 8, { parallel: 2 }), ms(6), 16),
        result('infer-mlp-fp32-cpu-b1-p2', mlp('fp32', 1, { parallel: 2 }), ms(1.5), 2),
        result('gemm-512', { n: 512 }, ms(3)),
      ],
    } as unknown as Run;
    const series = throughputByBatch(run);
    // INT8 was measured at one batch size only: no line.
    expect(series.map((s) => s.label)).toEqual(['mlp · FP32 · cpu', 'mlp · FP32 · cpu · ×2']);
    const [single, double] = series;
    expect(single!.points.map((p) => p.x)).toEqual([1, 8]);
    const b8 = single!.points[1]!;
    expect(b8.median).toBeCloseTo((8 * 1000) / summarize(ms(4)).median, 6);
    const [lowMs, highMs] = summarize(ms(4)).medianCi!;
    expect(b8.low).toBeCloseTo((8 * 1000) / highMs, 6);
    expect(b8.high).toBeCloseTo((8 * 1000) / lowMs, 6);
    expect(b8.low).toBeLessThan(b8.median);
    expect(double!.points[1]!.median).toBeCloseTo((16 * 1000) / summarize(ms(6)).median, 6);
  });

  it('counts batch × requests for results stored before items per sample was recorded', () => {
    const run = {
      results: [
        result('infer-mlp-fp32-cpu-b1-p4', mlp('fp32', 1, { parallel: 4 }), ms(2)),
        result('infer-mlp-fp32-cpu-b8-p4', mlp('fp32', 8, { parallel: 4 }), ms(8)),
      ],
    } as unknown as Run;
    expect(throughputByBatch(run)[0]!.points[1]!.median).toBeCloseTo((32 * 1000) / summarize(ms(8)).median, 6);
  });
});
