import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/main/core/inference/models';
import { planFor } from '../../../src/main/core/bench/sampling';
import { runSuite } from '../../../src/main/core/bench/suite-runner';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import { TelemetrySampler } from '../../../src/main/core/hardware/telemetry/sampler';
import { CpuMemorySource } from '../../../src/main/core/hardware/telemetry/cpu-source';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { openStore } from '../../../src/main/core/store/database';
import { RunRepository } from '../../../src/main/core/store/runs';
import type { Progress } from '../../../src/shared/schemas/progress';
import { assertBuilt } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('runSuite', () => {
  it('stores results with raw samples, records a failing benchmark and goes on, and adds energy figures', async () => {
    const store = openStore(tempDir());
    const runs = new RunRepository(store.db);
    // A RAPL package counter (kernel powercap layout) that a "CPU" advances by 1 J every 100 ms: ≈10 W.
    const sysRoot = tempDir();
    const zone = join(sysRoot, 'class', 'powercap', 'intel-rapl:0');
    mkdirSync(zone, { recursive: true });
    writeFileSync(join(zone, 'name'), 'package-0\n');
    writeFileSync(join(zone, 'max_energy_range_uj'), '262143328850\n');
    let counter = 0;
    writeFileSync(join(zone, 'energy_uj'), `${counter}\n`);
    const ticker = setInterval(() => {
      counter += 1_000_000;
      writeFileSync(join(zone, 'energy_uj'), `${counter}\n`);
    }, 100);
    const progress: Progress[] = [];
    const mlpPath = join(tempDir(), 'mlp-fp32.onnx');
    writeFileSync(mlpPath, buildModel('mlp', 'fp32').bytes);
    try {
      const run = await runSuite(
        {
          jobId: 'job-1',
          kind: 'cpu',
          name: 'test suite',
          preset: 'quick',
          level: 'basic',
          options: {},
          specs: [
            { kind: 'js.sort', id: 'sort', title: 'Sort', params: { elements: 200_000 } },
            { kind: 'no-such-kind', id: 'broken', title: 'Broken', params: {} },
            {
              kind: 'inference.onnxruntime',
              id: 'mlp-b4',
              title: 'MLP batch 4',
              params: { modelPath: mlpPath, batch: 4, device: 'cpu', placement: false },
            },
          ],
          plan: planFor('basic', { budgetMs: 1500 }),
          fingerprint: 'machine-a',
        },
        {
          launcher: nodeWorkerLauncher,
          workerPath: builtWorkerPath('bench-worker'),
          runs,
          sampler: new TelemetrySampler({ cpuMemory: new CpuMemorySource() }),
          onProgress: (p) => progress.push(p),
          sysRoot,
        },
      );
      expect(run.status).toBe('completed');
      expect(run.results.map((r) => r.id)).toEqual(['sort', 'mlp-b4']);
      expect(run.failures).toEqual([{ id: 'broken', title: 'Broken', error: 'unknown benchmark kind "no-such-kind"' }]);
      const sort = run.results[0]!;
      expect(String(sort.extras['CPU package power'])).toMatch(/^\d+(\.\d)? W \(RAPL/);
      const watts = Number.parseFloat(String(sort.extras['CPU package power']));
      expect(watts).toBeGreaterThan(5);
      expect(watts).toBeLessThan(15);
      expect(String(sort.extras['per watt'])).toMatch(/M elements\/s per W/);

      const stored = runs.get(run.id)!;
      expect(stored.results[0]!.samples).toEqual(sort.samples);
      expect(stored.failures).toHaveLength(1);
      expect(progress.at(-1)).toMatchObject({ kind: 'done', jobId: 'job-1' });
      expect(progress.some((p) => p.kind === 'step' && p.title.startsWith('2/3 Broken'))).toBe(true);

      // A latency result has no rate of its own: per watt is its items/s (4 per sample) per W.
      const mlp = run.results[1]!;
      const mlpWatts = Number.parseFloat(String(mlp.extras['CPU package power']));
      const perWatt = Number.parseFloat(String(mlp.extras['per watt']));
      expect(String(mlp.extras['per watt'])).toMatch(/ items\/s per W \(items per joule\)$/);
      // Within the rounding of the shown figures (3 significant digits, watts to 0.1 W).
      expect(perWatt / ((4 * 1000) / mlp.summary.median / mlpWatts)).toBeCloseTo(1, 1);
    } finally {
      clearInterval(ticker);
      store.db.close();
    }
  });

  it('stops on cancel and marks the run cancelled', async () => {
    const store = openStore(tempDir());
    const runs = new RunRepository(store.db);
    const controller = new AbortController();
    const run = await runSuite(
      {
        jobId: 'job-2',
        kind: 'cpu',
        name: 'cancelled suite',
        preset: 'quick',
        level: 'basic',
        options: {},
        specs: [
          { kind: 'js.sort', id: 'sort', title: 'Sort', params: { elements: 200_000 } },
          { kind: 'js.sort', id: 'sort2', title: 'Sort again', params: { elements: 200_000 } },
        ],
        plan: planFor('basic'),
        fingerprint: 'machine-a',
      },
      {
        launcher: nodeWorkerLauncher,
        workerPath: builtWorkerPath('bench-worker'),
        runs,
        sampler: null,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.kind === 'step' && p.description?.includes('samples')) controller.abort();
        },
      },
    );
    expect(run.status).toBe('cancelled');
    expect(runs.get(run.id)!.status).toBe('cancelled');
    expect(run.results).toHaveLength(0);
    store.db.close();
  });
});

describe('runSuite time budget', () => {
  it('skips what is left when the suite budget is spent, and says so', async () => {
    const run = await runSuite(
      {
        jobId: 'job-3',
        kind: 'cpu',
        name: 'budgeted',
        preset: 'quick',
        level: 'basic',
        options: {},
        specs: [
          { kind: 'js.sort', id: 'sort', title: 'Sort', params: { elements: 100_000 } },
          { kind: 'js.sort', id: 'sort2', title: 'Sort again', params: { elements: 100_000 } },
        ],
        plan: planFor('basic', { budgetMs: 500 }),
        fingerprint: 'machine-a',
        suiteBudgetMs: 1,
      },
      { launcher: nodeWorkerLauncher, workerPath: builtWorkerPath('bench-worker'), runs: null, sampler: null },
    );
    expect(run.results.map((r) => r.id)).toEqual(['sort']);
    expect(run.failures).toEqual([
      { id: 'sort2', title: 'Sort again', error: "skipped: the suite's time budget of 0 s was spent" },
    ]);
  });
});
