import type { Comparison, RunComparison } from '../../../shared/schemas/bench';
import { formatPercent } from '../../../shared/format-result';
import { noiseFloorText, roundsText } from '../../../shared/verdict-basis';

/**
 * Notes shared by the rows of a comparison, each written once and referenced by number: a run flagged busy
 * makes every row inconclusive for the same reason, and repeating it on every row hides the rows.
 */
export interface VerdictNotes {
  /** " [1]" for a row with a note, "" for one without. */
  marker(comparison: Comparison): string;
  /** "[1] inconclusive: …" lines, in order of first use. */
  lines: string[];
}

/** What limited or decided a verdict besides p and the CI: the reason, the rounds, the noise floor. */
export function verdictNote(c: Comparison): string | null {
  const parts: string[] = [];
  if (c.verdict === 'inconclusive') parts.push(`inconclusive: ${c.reason ?? 'the comparison cannot be decided'}`);
  if (c.basis === 'rounds') parts.push(`tested ${roundsText(c.rounds?.[0], c.rounds?.[1])} (their medians)`);
  if (c.noiseFloor) parts.push(noiseFloorText(c.noiseFloor));
  return parts.length > 0 ? parts.join('; ') : null;
}

export function verdictNotes(comparison: RunComparison): VerdictNotes {
  const numbers = new Map<string, number>();
  for (const row of comparison.rows) {
    const note = verdictNote(row.comparison);
    if (note !== null && !numbers.has(note)) numbers.set(note, numbers.size + 1);
  }
  return {
    marker: (c) => {
      const note = verdictNote(c);
      return note === null ? '' : ` [${numbers.get(note)}]`;
    },
    lines: [...numbers].map(([note, n]) => `[${n}] ${note}`),
  };
}

/** The change column: the estimate with its CI when decided, "~" when not significant, "?" when undecidable. */
export function changeText(c: Comparison): string {
  if (c.verdict === 'no significant change') return `~ (${formatPercent(c.relativeChange)})`;
  if (c.verdict === 'inconclusive') return `? (${formatPercent(c.relativeChange)})`;
  return `${formatPercent(c.relativeChange)} [${formatPercent(c.ci[0])}, ${formatPercent(c.ci[1])}]`;
}
