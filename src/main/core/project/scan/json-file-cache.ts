import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errorMessage } from '../../util/timebox';
import { errorCode } from './paths';
import type { CachedFile, ScanCache } from './types';

const FORMAT = 1;

/** On disk, one compact tuple per file: [mtimeMs, size, lines, binary (0/1), language]. */
type Row = [number, number, number, 0 | 1, string];

interface CacheFile {
  format: number;
  root: string;
  files: Record<string, Row>;
}

/**
 * A ScanCache kept in one JSON file per project root under `dir`, so a fresh CLI process re-scans
 * an unchanged tree with stats only. Only files looked up or stored during the last scan are
 * written back, so deleted files do not accumulate. A damaged file is ignored, noted, and replaced.
 */
export class JsonFileScanCache implements ScanCache {
  /** Things the user may want to know (a damaged cache file was replaced); the caller shows them. */
  readonly notes: string[] = [];
  /** True once the file on disk is known to be intact and ours. */
  private loaded = false;
  private readonly current = new Map<string, Row>();
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly root: string,
    private previous: Map<string, Row>,
    private readonly maxEntries: number,
  ) {}

  static async open(dir: string, root: string, maxEntries = 500_000): Promise<JsonFileScanCache> {
    const absoluteRoot = resolve(root);
    const hash = createHash('sha256').update(absoluteRoot).digest('hex').slice(0, 16);
    const file = join(dir, `scan-${hash}.json`);
    const cache = new JsonFileScanCache(file, absoluteRoot, new Map(), maxEntries);
    await cache.load();
    return cache;
  }

  get(path: string, mtimeMs: number, size: number): CachedFile | undefined {
    const row = this.current.get(path) ?? this.previous.get(path);
    if (!row || row[0] !== mtimeMs || row[1] !== size) return undefined;
    this.current.set(path, row);
    this.previous.delete(path);
    return { lines: row[2], binary: row[3] === 1, language: row[4] };
  }

  set(path: string, mtimeMs: number, size: number, value: CachedFile): void {
    if (this.current.size >= this.maxEntries && !this.current.has(path)) return;
    this.current.set(path, [mtimeMs, size, value.lines, value.binary ? 1 : 0, value.language]);
    this.previous.delete(path);
    this.changed = true;
  }

  /**
   * Written to a temporary file then renamed over the old one: a crash never leaves half a cache.
   * Never throws: a cache that cannot be saved (read-only data folder, full disk) is a note, not a failed scan.
   */
  async persist(): Promise<void> {
    // A warm scan of an unchanged tree neither stored nor dropped anything: the file on disk is current.
    if (!this.changed && this.previous.size === 0 && this.loaded) return;
    const content: CacheFile = { format: FORMAT, root: this.root, files: Object.fromEntries(this.current) };
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(temporary, JSON.stringify(content));
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.notes.push(`scan cache ${this.file} not saved (${errorMessage(error)})`);
      return;
    }
    this.previous = new Map();
    this.changed = false;
    this.loaded = true;
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') this.notes.push(`scan cache ${this.file} unreadable (${errorMessage(error)})`);
      return;
    }
    try {
      this.previous = parseCacheFile(text, this.root);
      this.loaded = true;
    } catch (error) {
      this.notes.push(`scan cache ${this.file} was damaged (${errorMessage(error)}); it will be rebuilt`);
    }
  }
}

function parseCacheFile(text: string, root: string): Map<string, Row> {
  const data = JSON.parse(text) as Partial<CacheFile> | null;
  if (typeof data !== 'object' || data === null || data.format !== FORMAT) throw new Error('unknown format');
  if (data.root !== root) throw new Error(`made for ${String(data.root)}`);
  if (typeof data.files !== 'object' || data.files === null) throw new Error('no file table');
  const rows = new Map<string, Row>();
  for (const [path, row] of Object.entries(data.files)) {
    if (!isRow(row)) throw new Error(`bad entry for ${path}`);
    rows.set(path, row);
  }
  return rows;
}

function isRow(value: unknown): value is Row {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number' &&
    (value[3] === 0 || value[3] === 1) &&
    typeof value[4] === 'string'
  );
}
