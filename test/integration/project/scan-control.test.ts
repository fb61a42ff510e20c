import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonFileScanCache, MemoryScanCache, scanProject } from '../../../src/main/core/project/scan';
import { useTempDirs } from '../../helpers/temp-dir';
import { commitAll, writeGeneratedTree } from '../../unit/main/core/project/scan/tree';

describe('scanProject: limits, cancellation, progress, cache', () => {
  const tempDir = useTempDirs();

  it.each(['walk', 'git'])('stops at maxFiles with truncated: true (%s)', async (mode) => {
    const root = tempDir();
    writeGeneratedTree(root, 300);
    if (mode === 'git') commitAll(root);

    const scan = await scanProject(root, { maxFiles: 25 });

    expect(scan.stats.truncated).toBe(true);
    expect(scan.stats.files).toBe(25);
    expect(scan.languages[0]).toMatchObject({ language: 'TypeScript', files: 25, lines: 250 });
  });

  it.each(['walk', 'git'])('rejects with an AbortError when cancelled mid-scan (%s)', async (mode) => {
    const root = tempDir();
    writeGeneratedTree(root, 3000);
    if (mode === 'git') commitAll(root);
    const controller = new AbortController();
    const seen: number[] = [];

    const scan = scanProject(root, {
      signal: controller.signal,
      onProgress: (files) => {
        seen.push(files);
        controller.abort();
      },
    });

    await expect(scan).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThan(3000);
  });

  it('rejects at once with an already aborted signal', async () => {
    const root = tempDir();
    writeGeneratedTree(root, 10);
    await expect(scanProject(root, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports progress at most about ten times a second, ending on the final count', async () => {
    const root = tempDir();
    writeGeneratedTree(root, 2000);
    const calls: Array<{ at: number; files: number }> = [];
    const started = performance.now();

    const scan = await scanProject(root, { onProgress: (files) => calls.push({ at: performance.now(), files }) });

    const elapsed = performance.now() - started;
    expect(calls.at(-1)?.files).toBe(scan.stats.files);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
  });

  it('a warm re-scan hits the cache for every file, and a modified file becomes a miss', async () => {
    const root = tempDir();
    writeGeneratedTree(root, 200);
    commitAll(root);
    const cache = new MemoryScanCache();

    const cold = await scanProject(root, { cache });
    expect(cold.stats.cache).toEqual({ hits: 0, misses: 200, hitRate: 0 });

    const warm = await scanProject(root, { cache });
    expect(warm.stats.cache).toEqual({ hits: 200, misses: 0, hitRate: 1 });
    expect(warm.languages).toEqual(cold.languages);

    writeFileSync(join(root, 'src', 'm0', 'f0.ts'), 'changed\n');
    const touched = join(root, 'src', 'm1', 'f100.ts');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000)); // same size, new mtime
    const changed = await scanProject(root, { cache });
    expect(changed.stats.cache).toMatchObject({ hits: 198, misses: 2 });
    expect(changed.languages[0]).toMatchObject({ files: 200, lines: 199 * 10 + 1 });
  });

  it('the JSON cache carries over to a new instance, and a corrupt cache file is noted and rewritten', async () => {
    const root = tempDir();
    const cacheDir = tempDir();
    writeGeneratedTree(root, 150);

    await scanProject(root, { cache: await JsonFileScanCache.open(cacheDir, root) });
    const second = await JsonFileScanCache.open(cacheDir, root);
    expect((await scanProject(root, { cache: second })).stats.cache.hitRate).toBe(1);

    writeFileSync(second.file, '{"format":1,"root":');
    const damaged = await JsonFileScanCache.open(cacheDir, root);
    expect(damaged.notes.join()).toMatch(/damaged/);
    expect((await scanProject(root, { cache: damaged })).stats.cache).toMatchObject({ hits: 0, misses: 150 });

    const repaired = await JsonFileScanCache.open(cacheDir, root);
    expect(repaired.notes).toEqual([]);
    expect((await scanProject(root, { cache: repaired })).stats.cache.hitRate).toBe(1);
    expect(readdirSync(cacheDir)).toHaveLength(1); // no temp files left behind
  });
});
