import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ClearScanCacheResultSchema, ScanCacheMode } from '../../../shared/schemas/settings';
import { JsonFileScanCache, MemoryScanCache, type ScanCache } from '../project/scan';
import type { z } from 'zod';

/** The files JsonFileScanCache writes (and its temporaries): nothing else in the folder is touched. */
const CACHE_FILE = /^scan-[0-9a-f]{16}\.json(\.\d+\.\d+\.tmp)?$/;

/**
 * Hands each scan the cache the scan-cache mode asks for:
 * - disk: a JsonFileScanCache opened per scan (the file is read each time; nothing stays in memory);
 * - memory: one MemoryScanCache per project root for the life of the process (nothing on disk);
 * - both: one JsonFileScanCache per root kept open, so a re-scan reads no file and still persists.
 */
export class ScanCacheProvider {
  private readonly memory = new Map<string, MemoryScanCache>();
  private readonly layered = new Map<string, JsonFileScanCache>();

  constructor(
    readonly dir: string,
    private readonly mode: () => ScanCacheMode,
  ) {}

  async open(root: string): Promise<ScanCache> {
    const key = resolve(root);
    switch (this.mode()) {
      case 'memory': {
        let cache = this.memory.get(key);
        if (!cache) this.memory.set(key, (cache = new MemoryScanCache()));
        return cache;
      }
      case 'both': {
        let cache = this.layered.get(key);
        if (!cache) this.layered.set(key, (cache = await JsonFileScanCache.open(this.dir, key)));
        return cache;
      }
      case 'disk':
        return JsonFileScanCache.open(this.dir, key);
    }
  }

  /** Deletes the cache files and forgets what is held in memory. */
  async clear(): Promise<z.infer<typeof ClearScanCacheResultSchema>> {
    const memoryRootsCleared = this.memory.size + this.layered.size;
    this.memory.clear();
    this.layered.clear();
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { removedFiles: 0, freedBytes: 0, memoryRootsCleared };
      throw error;
    }
    let removedFiles = 0;
    let freedBytes = 0;
    for (const name of names.filter((entry) => CACHE_FILE.test(entry))) {
      const path = join(this.dir, name);
      const size = await stat(path).then(
        (info) => info.size,
        () => 0,
      );
      await rm(path, { force: true });
      removedFiles += 1;
      freedBytes += size;
    }
    return { removedFiles, freedBytes, memoryRootsCleared };
  }
}
