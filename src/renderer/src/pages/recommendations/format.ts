import { formatBytes } from '../../../../shared/format';
import { formatValue } from '../../../../shared/format-result';
import type { Evidence } from '../../../../shared/schemas/project';
import type { Effort, Ranking, Risk, RuleStack } from '../../../../shared/schemas/tune';

export const STACKS: readonly RuleStack[] = ['rust', 'node', 'python', 'docker', 'kubernetes', 'models', 'workstation'];
export const RISKS: readonly Risk[] = ['safe', 'review', 'risky'];
export const EFFORTS: readonly Effort[] = ['low', 'medium', 'high'];

/** A fraction as a percentage with one decimal: 0.042 → "4.2 %". */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}\u00a0%`;
}

export { signedPercent } from '../../../../shared/format';

/** Expected effect × P(improves), the number the matrix plots (effort aside). */
export function expectedEffect(ranking: Ranking): number {
  return ranking.effect * ranking.pImprove;
}

/** "4.0 % × P 0.50 = 2.0 %". */
export function gainFormula(ranking: Ranking): string {
  return `${percent(ranking.effect)} × P ${ranking.pImprove.toFixed(2)} = ${percent(expectedEffect(ranking))}`;
}

/** The 90 % credible interval of P(improves), carried through to the expected effect. */
export function gainInterval(ranking: Ranking): string {
  return `90\u00a0% interval ${percent(ranking.effect * ranking.pLow)}–${percent(ranking.effect * ranking.pHigh)} (P ${ranking.pLow.toFixed(2)}–${ranking.pHigh.toFixed(2)})`;
}

/** Where the confidence comes from: measured outcomes, or only the rule author's prior. */
export function learnedFrom(ranking: Ranking): string {
  if (ranking.outcomes === 0) return 'prior only';
  const projects = `${ranking.projects} ${ranking.projects === 1 ? 'project' : 'projects'}`;
  return `learned from ${projects} (${ranking.outcomes} ${ranking.outcomes === 1 ? 'outcome' : 'outcomes'})`;
}

export function evidenceLocation(evidence: Evidence): string {
  return evidence.line === null ? evidence.file : `${evidence.file}:${evidence.line}`;
}

/** A measured value in its unit: bytes as KiB/MiB, everything else with three significant digits. */
export function formatMeasure(value: number, unit: string): string {
  if (unit === 'B' || unit === 'bytes') return formatBytes(value);
  return formatValue(value, unit);
}
