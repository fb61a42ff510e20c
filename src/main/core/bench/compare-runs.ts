import type { Run, RunComparison } from '../../../shared/schemas/bench';
import { geometricMeanRatio } from './compare';
import { compareSeparateResults } from './separate/compare-results';
import type { FloorLookup } from './separate/history-floor';
import { runMismatches } from './separate/like-for-like';

export interface CompareRunsOptions {
  noiseThreshold?: number;
  /** Noise floors learned from stored history; without it only rounds can decide. */
  floors?: FloorLookup;
  /** Decide despite another machine or other settings (never despite a disturbed run). */
  force?: boolean;
}

/**
 * benchstat-style comparison of two separate stored runs: every benchmark present in both, with its
 * verdict (inconclusive where the runs cannot decide it, see separate/compare-results.ts); benchmarks
 * present on one side only are listed, never silently dropped.
 */
export function compareRuns(base: Run, head: Run, options: CompareRunsOptions = {}): RunComparison {
  const baseById = new Map(base.results.map((r) => [r.id, r]));
  const headById = new Map(head.results.map((r) => [r.id, r]));
  const rows: RunComparison['rows'] = [];
  const ratios: number[] = [];
  const mismatches = runMismatches(base, head);
  const warnings = mismatches.map((mismatch) =>
    options.force
      ? `${mismatch}: compared anyway, as asked; differences may be that, not the change`
      : `${mismatch}: every verdict is inconclusive (differences may be that, not the change)`,
  );
  for (const [id, headResult] of headById) {
    const baseResult = baseById.get(id);
    if (!baseResult) continue;
    if (baseResult.unit !== headResult.unit) {
      warnings.push(`${id}: units differ (${baseResult.unit} vs ${headResult.unit}); not compared`);
      continue;
    }
    if (baseResult.summary.median <= 0 || headResult.summary.median <= 0) {
      // e.g. system CPU time of a command that makes no system calls: no relative change exists.
      warnings.push(`${id}: a median of 0 (or below) ${headResult.unit} has no relative change; not compared`);
      continue;
    }
    const history = options.floors?.(id) ?? { floor: null, historyRuns: 0 };
    let comparison: RunComparison['rows'][number]['comparison'];
    try {
      comparison = compareSeparateResults(baseResult, headResult, {
        mismatches,
        force: options.force,
        noiseFloor: history.floor,
        historyRuns: history.historyRuns,
        noiseThreshold: options.noiseThreshold,
      });
    } catch (error) {
      // One benchmark the statistics cannot handle must not take the others' comparison with it.
      if (!(error instanceof RangeError)) throw error;
      warnings.push(`${id}: ${error.message}; not compared`);
      continue;
    }
    const ratio = headResult.summary.median / baseResult.summary.median;
    ratios.push(headResult.direction === 'higher-is-better' ? 1 / ratio : ratio);
    rows.push({
      id,
      title: headResult.title,
      unit: headResult.unit,
      direction: headResult.direction,
      baseMedian: baseResult.summary.median,
      headMedian: headResult.summary.median,
      baseN: baseResult.summary.n,
      headN: headResult.summary.n,
      comparison,
    });
  }
  return {
    baseRunId: base.id,
    headRunId: head.id,
    rows,
    geomeanTimeRatio: ratios.length > 0 ? geometricMeanRatio(ratios) : null,
    onlyInBase: [...baseById.keys()].filter((id) => !headById.has(id)),
    onlyInHead: [...headById.keys()].filter((id) => !baseById.has(id)),
    warnings,
  };
}
