import type { Run, RunComparison } from '../../../shared/schemas/bench';
import { compareSamples, geometricMeanRatio } from './compare';

/**
 * benchstat-style comparison of two stored runs: every benchmark present in both, with its
 * verdict; benchmarks present on one side only are listed, never silently dropped.
 */
export function compareRuns(base: Run, head: Run, noiseThreshold = 0.02): RunComparison {
  const baseById = new Map(base.results.map((r) => [r.id, r]));
  const headById = new Map(head.results.map((r) => [r.id, r]));
  const rows: RunComparison['rows'] = [];
  const ratios: number[] = [];
  const warnings: string[] = [];
  if (base.fingerprint !== head.fingerprint) {
    warnings.push('the two runs come from different machines: differences may be the hardware, not the change');
  }
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
    const comparison = compareSamples(baseResult.samples, headResult.samples, {
      direction: headResult.direction,
      noiseThreshold,
    });
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
