import { describe, expect, it } from 'vitest';
import type { EvaluationOutcome } from '../../../../../../src/main/core/inference/autotune/measure';
import { tuneInference, type TuneRequest } from '../../../../../../src/main/core/inference/autotune/tune';
import type { Candidate } from '../../../../../../src/main/core/inference/autotune/types';

const REQUEST: TuneRequest = {
  modelId: 'builtin:mlp',
  variants: [
    { precision: 'fp32', path: '/m/mlp-fp32.onnx', referencePath: null, flopsPerSample: 1 },
    { precision: 'int8', path: '/m/mlp-int8.onnx', referencePath: '/m/mlp-fp32.onnx', flopsPerSample: 1 },
  ],
  devices: ['cpu'],
  objectives: ['latency', 'throughput'],
  budgetSeconds: 30,
  cores: 2,
};

/** ms per run of a configuration on an imaginary machine: one thread and int8 are fast, batches amortise. */
function msPerRun(c: Candidate): number {
  const perItem = (c.precision === 'int8' ? 0.05 : 0.2) * (c.intraOpThreads === 1 ? 1 : 1.5);
  return 0.1 + perItem * c.batch * (c.graphOptimization === 'disabled' ? 2 : 1);
}

/** A deterministic stand-in for the worker: samples spread ±5 % around msPerRun, n from the budget. */
function fakeEvaluate(overrides: (c: Candidate) => Partial<EvaluationOutcome> | null = () => null) {
  let clock = 0;
  const now = () => clock;
  const evaluate = async (c: Candidate, budgetMs: number): Promise<EvaluationOutcome> => {
    clock += budgetMs + 100;
    const base = msPerRun(c);
    const n = 40;
    const samples = Array.from({ length: n }, (_, i) => base * (0.95 + (0.1 * i) / (n - 1)));
    const sorted = [...samples].sort((a, b) => a - b);
    const measurement = {
      samples,
      n,
      p50Ms: (sorted[19]! + sorted[20]!) / 2,
      p50CiMs: [sorted[13]!, sorted[26]!] as [number, number],
      throughput: (c.batch * 1000) / base,
      throughputIqr: [(c.batch * 1000) / sorted[30]!, (c.batch * 1000) / sorted[10]!] as [number, number],
      peakRssMiB: 100,
      budgetMs,
      warnings: [],
    };
    return { measurement, error: null, ...overrides(c) } as EvaluationOutcome;
  };
  return { evaluate, now };
}

describe('tuneInference over a known cost model', () => {
  it('finds the fastest configuration per objective and states its gain over the defaults', async () => {
    const { evaluate, now } = fakeEvaluate();
    const result = await tuneInference(REQUEST, { evaluate, now, overheadMs: 100, minBudgetMs: 100 });
    const latency = result.best.latency!;
    expect(latency.candidate).toMatchObject({ precision: 'int8', intraOpThreads: 1, batch: 1 });
    expect(latency.gain.factor).toBeCloseTo(msPerRun(result.defaults) / msPerRun(latency.candidate), 6);
    expect(latency.gain.verdict).toBe('better');
    expect(latency.gain.best.n).toBe(40);
    expect(latency.gain.defaults.spreadKind).toBe('95% CI of the median');
    const throughput = result.best.throughput!;
    expect(throughput.candidate.batch).toBe(32);
    expect(throughput.gain.unit).toBe('items/s');
    expect(throughput.gain.defaults.spreadKind).toBe('interquartile range');
    expect(throughput.modelPath).toBe(`/m/mlp-${throughput.candidate.precision}.onnx`);
    // The result file keeps figures, not the raw samples.
    expect(JSON.stringify(result)).not.toContain('"samples"');
    expect(result.space.size).toEqual({ latency: 49, throughput: 145 });
  });

  it('never picks a configuration whose outputs disagree with FP32, however fast', async () => {
    const { evaluate, now } = fakeEvaluate((c) => {
      if (c.precision !== 'int8') return null;
      return {
        measurement: {
          samples: Array.from({ length: 20 }, () => 0.001),
          n: 20,
          p50Ms: 0.001,
          p50CiMs: [0.001, 0.001],
          throughput: c.batch * 1e6,
          throughputIqr: [c.batch * 1e6, c.batch * 1e6],
          peakRssMiB: 100,
          budgetMs: 100,
          warnings: ['output disagrees with the CPU FP32 reference: cosine 0.2 < 0.95 for int8'],
        },
      };
    });
    const result = await tuneInference(REQUEST, { evaluate, now, overheadMs: 100, minBudgetMs: 100 });
    expect(result.best.latency!.candidate.precision).toBe('fp32');
    expect(result.best.throughput!.candidate.precision).toBe('fp32');
    const int8 = result.candidates.filter((c) => c.candidate.precision === 'int8');
    expect(int8.length).toBeGreaterThan(0);
    for (const c of int8) expect(c.error).toMatch(/^output disagrees/);
  });

  it('refuses to report gains when the defaults themselves do not run', async () => {
    const { evaluate, now } = fakeEvaluate((c) =>
      c.intraOpThreads === 0 ? { measurement: null, error: 'onnxruntime could not load it' } : null,
    );
    await expect(tuneInference(REQUEST, { evaluate, now })).rejects.toThrow(
      /builtin:mlp does not run with default session options: onnxruntime could not load it/,
    );
  });
});
