import { describe, expect, it } from 'vitest';
import { formatTuning, gainBasis } from '../../../../src/main/cli/format-tuning';
import { tuneInference } from '../../../../src/main/core/inference/autotune/tune';
import type { Candidate } from '../../../../src/main/core/inference/autotune/types';
import type { EvaluationOutcome } from '../../../../src/main/core/inference/autotune/measure';

/** A stand-in worker: one thread is 3× faster in the search, but only 1.5× when measured again. */
async function tuned() {
  let clock = 0;
  const evaluate = async (c: Candidate, budgetMs: number, confirmationRound?: number): Promise<EvaluationOutcome> => {
    clock += budgetMs + 100;
    const speedup = c.intraOpThreads === 1 ? (confirmationRound === undefined ? 3 : 1.5) : 1;
    const samples = Array.from({ length: 30 }, (_, i) => (1 + i * 0.001) / speedup);
    return {
      measurement: {
        samples,
        n: samples.length,
        p50Ms: samples[15]!,
        p50CiMs: [samples[10]!, samples[20]!],
        throughput: 1000 / samples[15]!,
        throughputIqr: [1000 / samples[22]!, 1000 / samples[7]!],
        peakRssMiB: null,
        budgetMs,
        warnings: [],
      },
      error: null,
    };
  };
  return tuneInference(
    {
      modelId: 'builtin:mlp',
      variants: [{ precision: 'fp32', path: '/m/mlp-fp32.onnx', referencePath: null, flopsPerSample: 1 }],
      devices: ['cpu'],
      objectives: ['latency'],
      budgetSeconds: 30,
      cores: 2,
    },
    { evaluate, now: () => clock, overheadMs: 100, minBudgetMs: 100 },
  );
}

describe('formatTuning', () => {
  it('says the gain was measured in a separate A/B, and labels what the search saw', async () => {
    const result = await tuned();
    const text = formatTuning(result);
    expect(text).toMatch(
      /^Tuned builtin:mlp in [\d.]+ s \(budget 30 s\): \d+ measurements of \d+ configurations, then 4 in confirmation A\/Bs\n/,
    );
    expect(text).toMatch(/gain: +1\.50× \(−33\.\d %, 95% CI .*\): better/);
    expect(text).toContain(
      'gain measured in a separate interleaved A/B after the search (n = 60/60 winner/defaults, 2 alternating rounds per side), not on the samples that chose the winner',
    );
    expect(text).toMatch(/the search saw 3\.00× \([\d.]+ vs [\d.]+ ms, n=30\/30\) in the round that chose the winner/);
  });

  it('does not claim a confirmation for results written before it existed', async () => {
    const {
      basis: _basis,
      selection: _selection,
      confirmation: _confirmation,
      ...old
    } = (await tuned()).best.latency!.gain;
    expect(gainBasis(old)).toMatch(/^gain measured on the samples that chose the winner \(no confirmation A\/B\)/);
    expect(gainBasis({ ...old, verdict: 'the defaults were best' })).toMatch(/^the defaults won the search/);
  });
});
