import type { ScanStats } from '../../../../shared/schemas/project';

/** Counts what the scan left out, by reason, keeping one example path per reason (never the full list). */
export class SkipTally {
  private readonly reasons = new Map<string, { count: number; example: string }>();
  /** Excluded folders seen so far, so a folder met through many of its files counts once. */
  private readonly folders = new Set<string>();

  add(reason: string, example: string): void {
    const entry = this.reasons.get(reason);
    if (entry) entry.count += 1;
    else this.reasons.set(reason, { count: 1, example });
  }

  /** Counts a skipped folder once, however many of its files (git mode) lead to it. */
  addFolder(reason: string, folder: string): void {
    if (this.folders.has(folder)) return;
    this.folders.add(folder);
    this.add(reason, folder);
  }

  toArray(): ScanStats['skipped'] {
    return [...this.reasons.entries()]
      .map(([reason, { count, example }]) => ({ reason, count, example }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}
