/** What the scan remembers about a file it has read, so an unchanged file is never read twice. */
export interface CachedFile {
  lines: number;
  binary: boolean;
  language: string;
}

/**
 * Remembers line counts by relative path + mtime + size. One instance per project root: keys
 * are paths relative to that root.
 */
export interface ScanCache {
  get(path: string, mtimeMs: number, size: number): CachedFile | undefined;
  set(path: string, mtimeMs: number, size: number, value: CachedFile): void;
  /** Called once after a scan that ran to the end; a disk-backed cache writes itself here. */
  persist?(): Promise<void>;
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Files counted so far; called at most about ten times a second, and once at the end. */
  onProgress?: (files: number) => void;
  /** The scan stops here and reports `truncated: true` (default 1,000,000). */
  maxFiles?: number;
  cache?: ScanCache;
  /**
   * Files inspected at once (the pool's workers, each with its own read buffer); default 32. The
   * engine passes the "max parallel workers" setting here when the user has set one.
   */
  concurrency?: number;
}
