import type { ScanResult } from '../types';
import { InterestingFiles } from './interesting';
import { SkipTally } from './skipped';

interface LanguageTotals {
  files: number;
  lines: number;
  bytes: number;
}

/**
 * Everything a scan accumulates. Sized by the number of languages, skip reasons and capped
 * interesting files, never by the number of files in the tree.
 */
export class ScanState {
  readonly skipped = new SkipTally();
  readonly interesting = new InterestingFiles();
  files = 0;
  bytes = 0;
  cacheHits = 0;
  cacheMisses = 0;
  truncated = false;
  private readonly languages = new Map<string, LanguageTotals>();

  constructor(private readonly maxFiles: number) {}

  /** Counts one more file, or returns false (and marks the scan truncated) when the limit is reached. */
  admit(size: number): boolean {
    if (this.files >= this.maxFiles) {
      this.truncated = true;
      return false;
    }
    this.files += 1;
    this.bytes += size;
    return true;
  }

  addLanguage(language: string, lines: number, bytes: number): void {
    const totals = this.languages.get(language);
    if (totals) {
      totals.files += 1;
      totals.lines += lines;
      totals.bytes += bytes;
    } else {
      this.languages.set(language, { files: 1, lines, bytes });
    }
  }

  toResult(root: string, method: ScanResult['stats']['method'], durationMs: number): ScanResult {
    const lookups = this.cacheHits + this.cacheMisses;
    return {
      root,
      stats: {
        method,
        files: this.files,
        bytes: this.bytes,
        durationMs,
        skipped: this.skipped.toArray(),
        cache: {
          hits: this.cacheHits,
          misses: this.cacheMisses,
          hitRate: lookups === 0 ? 0 : this.cacheHits / lookups,
        },
        truncated: this.truncated,
      },
      languages: [...this.languages.entries()]
        .map(([language, totals]) => ({ language, ...totals }))
        .sort((a, b) => b.lines - a.lines || b.bytes - a.bytes || a.language.localeCompare(b.language)),
      interesting: this.interesting.list(),
      sizes: this.interesting.sizes,
    };
  }
}
