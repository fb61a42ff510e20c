import { formatMeasure } from '../../../../shared/format-result';
import type { StoredChange } from '../../store/tune-changes';

function percent(value: number): string {
  return `${value >= 0 ? '+' : '-'}${Math.abs(value * 100).toFixed(1)}%`;
}

/** A commit message that carries the evidence: the before/after table of the verification. */
export function commitMessage(change: StoredChange): string {
  const v = change.verification;
  const lines = [
    `tunebench: ${change.ruleId}${change.findingId !== change.ruleId ? ` (${change.findingId})` : ''}`,
    '',
  ];
  if (v) {
    lines.push(`Verified by Tunebench (change #${change.id}): ${v.overall}.`, '');
    lines.push('| metric | baseline | candidate | change | 95% CI | p | n |', '|---|---|---|---|---|---|---|');
    for (const m of v.metrics) {
      lines.push(
        `| ${m.title} | ${formatMeasure(m.baseline.median, m.unit)} | ${formatMeasure(m.candidate.median, m.unit)} | ${percent(m.change)} | ${m.pValue === null ? 'exact' : `${percent(m.ciLow)} .. ${percent(m.ciHigh)}`} | ${m.pValue === null ? '-' : m.pValue.toPrecision(2)} | ${m.baseline.n}/${m.candidate.n} |`,
      );
    }
    // A change kept by hand after an inconclusive verification says so where its evidence is read.
    const undecided = v.metrics.filter((m) => m.verdict === 'inconclusive');
    if (undecided.length > 0)
      lines.push(
        '',
        ...undecided.map((m) => `Inconclusive: ${m.title}: ${m.reason ?? 'the comparison cannot be decided'}.`),
      );
    if (v.tests.ran)
      lines.push('', `Tests: ${v.tests.command} ${v.tests.passed ? 'passed' : 'failed'} on the candidate.`);
  }
  return lines.join('\n');
}
