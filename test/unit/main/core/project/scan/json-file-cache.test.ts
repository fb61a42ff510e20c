import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonFileScanCache } from '../../../../../../src/main/core/project/scan/json-file-cache';
import { MemoryScanCache } from '../../../../../../src/main/core/project/scan/memory-cache';
import { useTempDirs } from '../../../../../helpers/temp-dir';

const entry = { lines: 12, binary: false, language: 'TypeScript' };

describe('scan caches', () => {
  const tempDir = useTempDirs();

  it('memory cache answers only for the same mtime and size', () => {
    const cache = new MemoryScanCache();
    cache.set('a.ts', 1000, 50, entry);
    expect(cache.get('a.ts', 1000, 50)).toEqual(entry);
    expect(cache.get('a.ts', 1001, 50)).toBeUndefined();
    expect(cache.get('a.ts', 1000, 51)).toBeUndefined();
    expect(cache.get('b.ts', 1000, 50)).toBeUndefined();
  });

  it('JSON cache survives a new instance (a new process), one file per root, no temp file left', async () => {
    const dir = tempDir();
    const first = await JsonFileScanCache.open(dir, '/projects/one');
    first.set('a.ts', 1000, 50, entry);
    await first.persist();
    expect(readdirSync(dir)).toEqual([first.file.slice(dir.length + 1)]);

    const again = await JsonFileScanCache.open(dir, '/projects/one');
    expect(again.get('a.ts', 1000, 50)).toEqual(entry);
    expect(again.notes).toEqual([]);
    const other = await JsonFileScanCache.open(dir, '/projects/two');
    expect(other.file).not.toBe(first.file);
    expect(other.get('a.ts', 1000, 50)).toBeUndefined();
  });

  it('a cache that cannot be saved becomes a note, never a failed scan', async () => {
    const dir = tempDir();
    writeFileSync(`${dir}/not-a-folder`, '');
    const cache = await JsonFileScanCache.open(`${dir}/not-a-folder`, '/p');
    cache.set('a.ts', 1, 1, entry);
    await expect(cache.persist()).resolves.toBeUndefined();
    expect(cache.notes.join()).toMatch(/not saved/);
  });

  it('drops entries not seen in the last scan when it writes itself', async () => {
    const dir = tempDir();
    const first = await JsonFileScanCache.open(dir, '/p');
    first.set('kept.ts', 1, 1, entry);
    first.set('deleted.ts', 1, 1, entry);
    await first.persist();
    const second = await JsonFileScanCache.open(dir, '/p');
    second.get('kept.ts', 1, 1);
    await second.persist();
    const third = await JsonFileScanCache.open(dir, '/p');
    expect(third.get('kept.ts', 1, 1)).toEqual(entry);
    expect(third.get('deleted.ts', 1, 1)).toBeUndefined();
  });

  it.each([
    ['truncated JSON', '{"format":1,"root":"/p","files":{"a.ts":[1,'],
    ['a wrong shape', '{"format":1,"root":"/p","files":{"a.ts":"twelve"}}'],
    ['another format', '[]'],
  ])('a corrupt cache file (%s) is ignored with a note and rewritten', async (_, content) => {
    const dir = tempDir();
    const path = (await JsonFileScanCache.open(dir, '/p')).file;
    writeFileSync(path, content);
    const cache = await JsonFileScanCache.open(dir, '/p');
    expect(cache.notes).toHaveLength(1);
    expect(cache.notes[0]).toMatch(/damaged.*rebuilt/);
    expect(cache.get('a.ts', 1, 1)).toBeUndefined();
    cache.set('a.ts', 1, 1, entry);
    await cache.persist();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 1, root: '/p' });
    expect((await JsonFileScanCache.open(dir, '/p')).get('a.ts', 1, 1)).toEqual(entry);
  });
});
