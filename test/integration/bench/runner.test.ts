import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { BenchmarkCancelledError, BenchmarkFailedError, runBenchmark } from '../../../src/main/core/bench/runner';
import { planFor } from '../../../src/main/core/bench/sampling';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import type { BenchmarkResult } from '../../../src/shared/schemas/bench';
import { assertBuilt } from '../../helpers/cli';

const CRASHING = fileURLToPath(new URL('../../fixtures/workers/crashing-bench-worker.mjs', import.meta.url));
let workerPath: string;

beforeAll(() => {
  assertBuilt();
  workerPath = builtWorkerPath('bench-worker');
});

describe('runBenchmark in a worker process', () => {
  it('measures a real benchmark with warm-up and adaptive sampling, and keeps every sample', async () => {
    const phases = new Set<string>();
    const measured = await runBenchmark(
      { kind: 'js.sort', id: 'sort', title: 'Sort', params: { elements: 100_000 } },
      planFor('basic', { budgetMs: 2000 }),
      { launcher: nodeWorkerLauncher, workerPath, onProgress: (p) => phases.add(p.phase) },
    );
    expect(measured.results).toHaveLength(1);
    const result = measured.results[0]!;
    expect([...phases]).toEqual(expect.arrayContaining(['setup', 'warmup', 'sampling']));
    expect(result.unit).toBe('M elements/s');
    expect(result.samples.length).toBe(result.summary.n);
    expect(result.summary.n).toBeGreaterThanOrEqual(10);
    expect(result.summary.median).toBeGreaterThan(0);
    expect(['precision-reached', 'max-samples', 'time-budget']).toContain(result.stopReason);
    if (result.stopReason === 'precision-reached') expect(result.summary.relativeHalfWidth!).toBeLessThanOrEqual(0.03);
    expect(measured.cpuTimeUs).toBeGreaterThan(0);
  });

  it('reports a budget too small to reach the minimum sample count instead of accepting it', async () => {
    const [result] = (
      await runBenchmark(
        { kind: 'zlib.deflate', id: 'deflate', title: 'Deflate', params: { bytes: 4_000_000 } },
        planFor('basic', { budgetMs: 1, warmupRuns: 0 }),
        { launcher: nodeWorkerLauncher, workerPath },
      )
    ).results as [BenchmarkResult];
    expect(result.stopReason).toBe('time-budget');
    expect(result.warnings.join(' ')).toMatch(/too small: \d+ of the minimum 10 samples/);
    expect(Number(result.extras.ratio)).toBeGreaterThan(1);
  });

  it('rejects an unknown benchmark kind with the reason from the worker', async () => {
    await expect(
      runBenchmark({ kind: 'nope', id: 'x', title: 'x', params: {} }, planFor('basic'), {
        launcher: nodeWorkerLauncher,
        workerPath,
      }),
    ).rejects.toThrow('x: unknown benchmark kind "nope"');
  });

  it('survives a worker that dies of a native fault, and names the signal', async () => {
    const error = await runBenchmark({ kind: 'segfault', id: 'crash', title: 'c', params: {} }, planFor('basic'), {
      launcher: nodeWorkerLauncher,
      workerPath: CRASHING,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchmarkFailedError);
    expect((error as Error).message).toMatch(/killed by SIGSEGV during sampling/);
  });

  it('kills a worker that overruns its budget plus grace', async () => {
    const error = await runBenchmark(
      { kind: 'hang', id: 'hang', title: 'h', params: {} },
      planFor('basic', { budgetMs: 100 }),
      { launcher: nodeWorkerLauncher, workerPath: CRASHING, graceMs: 200 },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/no result 300 ms after start \(during sampling\)/);
  });

  it('cancels in the middle and kills the worker', async () => {
    const controller = new AbortController();
    const pending = runBenchmark({ kind: 'hang', id: 'hang', title: 'h', params: {} }, planFor('basic'), {
      launcher: nodeWorkerLauncher,
      workerPath: CRASHING,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(BenchmarkCancelledError);
  });
});
