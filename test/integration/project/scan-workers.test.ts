import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/core/engine';
import { DEFAULT_SCAN_CONCURRENCY, scanProject } from '../../../src/main/core/project/scan';
import type * as Pool from '../../../src/main/core/project/scan/pool';
import { useTempDirs } from '../../helpers/temp-dir';
import { writeTree } from '../../unit/main/core/project/scan/tree';

/** Every drain() the scan starts: the concurrency it was given and what its workers really did. */
const seen = vi.hoisted(() => ({
  calls: [] as Array<{ concurrency: number; maxInFlight: number; workers: Set<number> }>,
}));

// The real pool, watched: how many workers it was asked for, and how many handlers ran at once.
vi.mock('../../../src/main/core/project/scan/pool', async (importOriginal) => {
  const real = await importOriginal<typeof Pool>();
  const drain: typeof Pool.drain = async (source, concurrency, handle) => {
    const call = { concurrency, maxInFlight: 0, workers: new Set<number>() };
    seen.calls.push(call);
    let inFlight = 0;
    await real.drain(source, concurrency, async (item, worker) => {
      inFlight += 1;
      call.maxInFlight = Math.max(call.maxInFlight, inFlight);
      call.workers.add(worker);
      try {
        return await handle(item, worker);
      } finally {
        inFlight -= 1;
      }
    });
  };
  return { drain };
});

const tempDir = useTempDirs();
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  vi.unstubAllEnvs();
  seen.calls.length = 0;
});

/** A project of real files: 60 small TypeScript sources in a few folders. */
function project(): string {
  const root = tempDir('tunebench-scan-workers-');
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i += 1)
    files[`src/part${i % 4}/file${i}.ts`] = `export const value${i} = ${i};\n// line two\n`;
  writeTree(root, files);
  return root;
}

async function scanThroughEngine(engine: Engine, root: string) {
  const { jobId } = await engine.handlers['project.scan']({ root });
  const job = await engine.queue.settled(jobId);
  expect(job.status, job.error ?? '').toBe('completed');
  return engine.handlers['project.get']({ root });
}

describe('the scan pool’s concurrency', () => {
  it('drain runs exactly as many handlers at once as it is given workers', async () => {
    const { drain } = await vi.importActual<typeof Pool>('../../../src/main/core/project/scan/pool');
    async function* items() {
      for (let i = 0; i < 20; i += 1) yield i;
    }
    let inFlight = 0;
    let maxInFlight = 0;
    const workers = new Set<number>();
    const handled: number[] = [];
    await drain(items(), 3, async (item, worker) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      workers.add(worker);
      await new Promise((resolve) => setTimeout(resolve, 2));
      handled.push(item);
      inFlight -= 1;
      return true;
    });
    expect(maxInFlight).toBe(3);
    expect([...workers].sort()).toEqual([0, 1, 2]);
    expect(handled.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('scanProject hands its concurrency option to the pool, and keeps 32 without one', async () => {
    const root = project();
    const limited = await scanProject(root, { concurrency: 3 });
    expect(limited.stats.files).toBe(60);
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]).toMatchObject({ concurrency: 3, maxInFlight: 3 });
    expect([...seen.calls[0]!.workers].sort()).toEqual([0, 1, 2]);

    const unlimited = await scanProject(root);
    expect(unlimited.stats.files).toBe(60);
    expect(unlimited.languages).toEqual(limited.languages);
    expect(seen.calls[1]!.concurrency).toBe(DEFAULT_SCAN_CONCURRENCY);
    expect(DEFAULT_SCAN_CONCURRENCY).toBe(32);

    await expect(scanProject(root, { concurrency: 0 })).rejects.toThrow(/at least 1/);
  });

  it('the max-workers setting reaches the pool through the engine (saved, environment, unset)', async () => {
    const root = project();

    // Unset: the scan's own default.
    const plain = createEngine({ dataDir: tempDir('tunebench-scan-workers-home-'), shell: 'cli' });
    engines.push(plain);
    expect((await plain.handlers['settings.get']({})).sources.maxWorkers.source).toBe('default');
    expect((await scanThroughEngine(plain, root))?.scan.files).toBe(60);
    expect(seen.calls.at(-1)!.concurrency).toBe(DEFAULT_SCAN_CONCURRENCY);

    // Saved on the Settings page (settings.set): the next scan uses it, without a restart.
    await plain.handlers['settings.set']({ maxWorkers: 2 });
    await scanThroughEngine(plain, root);
    expect(seen.calls.at(-1)).toMatchObject({ concurrency: 2, maxInFlight: 2 });

    // TUNEBENCH_MAX_WORKERS wins over the saved value.
    vi.stubEnv('TUNEBENCH_MAX_WORKERS', '5');
    const fromEnv = createEngine({ dataDir: tempDir('tunebench-scan-workers-home-'), shell: 'cli' });
    engines.push(fromEnv);
    await fromEnv.handlers['settings.set']({ maxWorkers: 2 });
    await scanThroughEngine(fromEnv, root);
    expect(seen.calls.at(-1)).toMatchObject({ concurrency: 5, maxInFlight: 5 });
  });
});
