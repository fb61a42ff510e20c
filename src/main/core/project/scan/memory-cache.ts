import type { CachedFile, ScanCache } from './types';

interface Entry extends CachedFile {
  mtimeMs: number;
  size: number;
}

/** A ScanCache that lives as long as the process (the app re-scanning a project it has open). */
export class MemoryScanCache implements ScanCache {
  protected readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 500_000) {}

  get(path: string, mtimeMs: number, size: number): CachedFile | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) return undefined;
    return { lines: entry.lines, binary: entry.binary, language: entry.language };
  }

  set(path: string, mtimeMs: number, size: number, value: CachedFile): void {
    // Bounded like the rest of the scan: past the cap, new files are simply re-read next time.
    if (this.entries.size >= this.maxEntries && !this.entries.has(path)) return;
    this.entries.set(path, { mtimeMs, size, ...value });
  }

  get size(): number {
    return this.entries.size;
  }
}
