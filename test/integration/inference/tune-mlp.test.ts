import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import { prepareTuning, readTuneResult, runTuningJob } from '../../../src/main/core/inference/autotune/job';
import { candidateKey } from '../../../src/main/core/inference/autotune/space';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { apiMethods } from '../../../src/shared/contract';
import type { BenchmarkResult } from '../../../src/shared/schemas/bench';
import { assertBuilt } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

// Only what the tuner reads of the hardware profile: onnxruntime with its CPU provider, nothing else.
const PROFILE = {
  onnxruntime: {
    status: 'present',
    reason: '',
    providers: [
      { name: 'cpu', status: 'present', reason: '' },
      { name: 'cuda', status: 'absent', reason: 'no NVIDIA driver' },
    ],
  },
  npu: { openvino: { status: 'absent', reason: 'OpenVINO is not installed' } },
} as unknown as Parameters<typeof prepareTuning>[1];

describe('auto-tuning the built-in MLP with real onnxruntime runs', () => {
  it('measures the defaults and a sample of the space, and reports the best per objective against the defaults', async () => {
    const dataDir = tempDir();
    const prepared = await prepareTuning(
      { model: 'builtin:mlp', objectives: ['latency', 'throughput'], budgetSeconds: 9, precisions: ['fp32', 'int8'] },
      PROFILE,
      dataDir,
    );
    expect(prepared.request.devices).toEqual(['cpu']);
    expect(prepared.skipped.join('\n')).toMatch(/cuda: no NVIDIA driver/);
    const streamed: BenchmarkResult[] = [];
    const { result, file } = await runTuningJob(prepared, {
      launcher: nodeWorkerLauncher,
      workerPath: builtWorkerPath('bench-worker'),
      dataDir,
      jobId: 'test-job',
      onResult: (r) => streamed.push(r),
    });
    // The budget is a wall-time target the search plans for (9 s holds the smallest search and its confirmation
    // A/B for both objectives); how long it took on this shared machine is not asserted: a loaded CI box may
    // stretch any of it.

    expect(apiMethods['bench.tuning'].output.parse(result)).toEqual(result);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(result);
    expect(await readTuneResult(dataDir, 'test-job')).toEqual(result);
    expect(result.space.size.latency).toBeGreaterThan(10);
    // Every measurement is streamed: the search's, and the confirmation A/B's (tagged as such).
    const searched = result.candidates.reduce((sum, c) => sum + c.rounds.length, 0);
    const confirmations = Object.values(result.best).reduce(
      (sum, b) => sum + 2 * (b.gain.confirmation?.rounds ?? 0),
      0,
    );
    expect(streamed.length).toBe(searched + confirmations);
    expect(streamed.filter((r) => /-confirm\d$/.test(r.id)).length).toBe(confirmations);

    for (const objective of ['latency', 'throughput'] as const) {
      const evaluated = result.candidates.filter((c) => c.objective === objective);
      expect(evaluated.length).toBeGreaterThanOrEqual(2);
      // The defaults are among the candidates, measured in every round of this objective.
      const defaults = evaluated.find((c) => c.isDefault)!;
      expect(defaults.key).toBe(candidateKey(result.defaults));
      expect(defaults.candidate).toMatchObject({ intraOpThreads: 0, interOpThreads: 0, graphOptimization: 'all' });
      const rounds = Math.max(...evaluated.map((c) => c.lastRound));
      expect(defaults.rounds.map((r) => r.round)).toEqual(Array.from({ length: rounds + 1 }, (_, i) => i));

      const best = result.best[objective]!;
      expect(best).toBeDefined();
      expect(best.defaultKey).toBe(defaults.key);
      const winner = evaluated.find((c) => c.key === best.key)!;
      // The search saw winner and defaults in the same round with the same budget.
      expect(winner.lastRound).toBe(defaults.lastRound);
      expect(winner.measurement!.budgetMs).toBe(defaults.measurement!.budgetMs);
      const { gain } = best;
      expect(gain.selection.defaults.n).toBe(defaults.measurement!.n);
      expect(gain.selection.best.n).toBe(winner.measurement!.n);
      const seen = (m: NonNullable<typeof winner.measurement>) => (objective === 'latency' ? m.p50Ms : m.throughput);
      expect(gain.selection.defaults.median).toBe(seen(defaults.measurement!));
      expect(gain.selection.best.median).toBe(seen(winner.measurement!));
      if (best.key === defaults.key) {
        expect(gain.verdict).toBe('the defaults were best');
        expect(gain.basis).toBe('selection round');
      } else {
        // The gain comes from the confirmation A/B: 2 fresh measurements per side, at least 6 samples each.
        expect(gain.basis).toBe('confirmation A/B');
        expect(gain.confirmation!.rounds).toBe(2);
        expect(gain.best.n).toBeGreaterThanOrEqual(12);
        expect(gain.defaults.n).toBeGreaterThanOrEqual(12);
        expect(['better', 'worse', 'no significant change', 'inconclusive']).toContain(gain.verdict);
      }
      expect(gain.best.spread).not.toBeNull();
      expect(gain.defaults.spread).not.toBeNull();
      expect(gain.factor).toBeCloseTo(
        objective === 'latency' ? gain.defaults.median / gain.best.median : gain.best.median / gain.defaults.median,
        10,
      );
      if (objective === 'latency') expect(best.candidate.batch).toBe(1);
      expect(gain.relativeChangeCi[0]).toBeLessThanOrEqual(gain.relativeChangeCi[1]);
      // Every measured candidate carries its figures for a latency/throughput chart.
      for (const c of evaluated.filter((e) => e.measurement)) {
        expect(c.measurement!.p50Ms).toBeGreaterThan(0);
        expect(c.measurement!.throughput).toBeGreaterThan(0);
        expect(c.measurement!.peakRssMiB === null || c.measurement!.peakRssMiB > 0).toBe(true);
      }
      expect(best.modelPath).toMatch(new RegExp(`mlp-${best.candidate.precision}\\.onnx$`));
      expect(best.snippets.javascript).toContain(JSON.stringify(best.modelPath));
      expect(best.snippets.python).toContain('ort.SessionOptions()');
      expect(best.snippets.python).toContain(`options.intra_op_num_threads = ${best.candidate.intraOpThreads}`);
    }
  }, 60_000);
});
