import { describe, expect, it } from 'vitest';
import type { EvaluationOutcome } from '../../../../../../src/main/core/inference/autotune/measure';
import { tuneInference, type TuneRequest } from '../../../../../../src/main/core/inference/autotune/tune';
import { candidateKey, defaultCandidate } from '../../../../../../src/main/core/inference/autotune/space';
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

/**
 * A deterministic stand-in for the worker: 40 samples spread ±5 % around msPerRun (or `confirmedMs`
 * in the confirmation A/B), and a clock that advances by the budget plus 100 ms.
 */
function fakeEvaluate(
  overrides: (c: Candidate, confirmationRound?: number) => Partial<EvaluationOutcome> | null = () => null,
  confirmedMs: (c: Candidate) => number = msPerRun,
) {
  let clock = 0;
  const now = () => clock;
  const calls: Array<{ key: string; confirmationRound?: number }> = [];
  const evaluate = async (c: Candidate, budgetMs: number, confirmationRound?: number): Promise<EvaluationOutcome> => {
    clock += budgetMs + 100;
    calls.push({ key: candidateKey(c), confirmationRound });
    const base = confirmationRound === undefined ? msPerRun(c) : confirmedMs(c);
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
    return { measurement, error: null, ...overrides(c, confirmationRound) } as EvaluationOutcome;
  };
  return { evaluate, now, calls };
}

describe('tuneInference over a known cost model', () => {
  it('finds the fastest configuration per objective and states its gain over the defaults', async () => {
    const { evaluate, now } = fakeEvaluate();
    const result = await tuneInference(REQUEST, { evaluate, now, overheadMs: 100, minBudgetMs: 100 });
    const latency = result.best.latency!;
    expect(latency.candidate).toMatchObject({ precision: 'int8', intraOpThreads: 1, batch: 1 });
    expect(latency.gain.factor).toBeCloseTo(msPerRun(result.defaults) / msPerRun(latency.candidate), 6);
    expect(latency.gain.verdict).toBe('better');
    // Measured again in 2 alternating rounds per side, samples pooled; the search's figures kept apart.
    expect(latency.gain.basis).toBe('confirmation A/B');
    expect(latency.gain.best.n).toBe(80);
    expect(latency.gain.defaults.n).toBe(80);
    expect(latency.gain.selection.best.n).toBe(40);
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

  it('reports the gain from the confirmation A/B, not from the round that chose the winner', async () => {
    // The search sees the cost model; measured again, every configuration runs as fast as the defaults.
    const { evaluate, now, calls } = fakeEvaluate(
      () => null,
      () => msPerRun(defaultCandidate('fp32')),
    );
    const steps: string[] = [];
    const result = await tuneInference(
      { ...REQUEST, objectives: ['latency'] },
      {
        evaluate,
        now,
        overheadMs: 100,
        minBudgetMs: 100,
        onProgress: (_f, step, detail) => steps.push(`${step}: ${detail}`),
      },
    );
    const { gain, key, defaultKey } = result.best.latency!;
    expect(gain.selection.factor).toBeGreaterThan(2);
    expect(gain.basis).toBe('confirmation A/B');
    expect(gain.factor).toBeCloseTo(1, 6);
    expect(gain.verdict).toBe('no significant change');
    // Winner and defaults alternate W D, D W, each in a fresh measurement, after the search.
    const confirmation = calls.filter((c) => c.confirmationRound !== undefined);
    expect(
      confirmation.map((c) => [c.confirmationRound, c.key === key ? 'W' : c.key === defaultKey ? 'D' : '?']),
    ).toEqual([
      [1, 'W'],
      [1, 'D'],
      [2, 'D'],
      [2, 'W'],
    ]);
    expect(calls.slice(-4)).toEqual(confirmation);
    // The search's own record of each candidate is untouched by the confirmation.
    expect(result.candidates.find((c) => c.key === key)!.measurement!.n).toBe(40);
    expect(steps.filter((s) => s.startsWith('latency, confirming the winner against the defaults'))).toHaveLength(4);
    expect(result.method).toMatch(/separate A\/B/);
  });

  it('needs no confirmation when the defaults win', async () => {
    // Every other configuration is slower than the defaults.
    const { evaluate, now, calls } = fakeEvaluate((c, round) => {
      if (round !== undefined) throw new Error('no confirmation expected');
      if (c.intraOpThreads === 0) return null;
      const samples = Array.from({ length: 40 }, (_, i) => 50 + i);
      return {
        measurement: {
          samples,
          n: 40,
          p50Ms: 69.5,
          p50CiMs: [65, 75],
          throughput: 14,
          throughputIqr: [13, 15],
          peakRssMiB: 100,
          budgetMs: 100,
          warnings: [],
        },
      };
    });
    const result = await tuneInference(
      { ...REQUEST, objectives: ['latency'] },
      { evaluate, now, overheadMs: 100, minBudgetMs: 100 },
    );
    const { gain } = result.best.latency!;
    expect(gain.verdict).toBe('the defaults were best');
    expect(gain.basis).toBe('selection round');
    expect(gain.confirmation).toBeNull();
    expect(calls.every((c) => c.confirmationRound === undefined)).toBe(true);
  });

  it('says so, without a verdict, when the winner fails in the confirmation', async () => {
    const { evaluate, now } = fakeEvaluate((c, round) =>
      round === 2 && c.intraOpThreads !== 0 ? { measurement: null, error: 'the worker crashed' } : null,
    );
    const result = await tuneInference(
      { ...REQUEST, objectives: ['latency'] },
      { evaluate, now, overheadMs: 100, minBudgetMs: 100 },
    );
    const { gain } = result.best.latency!;
    expect(gain.verdict).toBe('inconclusive');
    expect(gain.basis).toBe('selection round');
    expect(gain.reason).toMatch(/winner in round 2 of 2: the worker crashed/);
    expect(result.notes.join('\n')).toMatch(/latency: the confirmation A\/B failed/);
  });

  it('stops when a confirmation measurement is cancelled', async () => {
    const { evaluate, now } = fakeEvaluate((_c, round) => {
      if (round === 1) throw new DOMException('cancelled', 'AbortError');
      return null;
    });
    await expect(tuneInference(REQUEST, { evaluate, now, overheadMs: 100, minBudgetMs: 100 })).rejects.toThrow(
      /cancelled/,
    );
  });
});
