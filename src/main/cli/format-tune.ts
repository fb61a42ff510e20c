import { formatMeasure, formatPercent } from '../../shared/format-result';
import type { AppliedChange, Finding, FindingsReport, Verification } from '../../shared/schemas/tune';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function where(finding: Finding): string {
  const first = finding.evidence[0];
  return first ? `${first.file}${first.line ? `:${first.line}` : ''}` : '';
}

/** The ranked list: what to change first, with expected gain, confidence and where. */
export function formatFindings(report: FindingsReport): string {
  const lines = [`${report.root}${report.head ? ` @ ${report.head.slice(0, 10)}` : ''}`, ''];
  lines.push(`Tuning score ${report.score.score}/100   (${report.score.formula})`, '');
  if (report.findings.length === 0) lines.push('No findings: every rule that applies to this project is satisfied.');
  else {
    report.findings.forEach((f, index) => {
      const r = f.ranking;
      lines.push(`${pad(String(index + 1), 4)}${f.id}${f.rule.automatic ? '' : '  (advice)'}`);
      lines.push(`    ${f.rule.title} · ${f.rule.risk} risk · ${f.rule.effort} effort`);
      lines.push(
        `    expected gain ${formatPercent(r.effect, false)} × P ${r.pImprove.toFixed(2)} [${r.pLow.toFixed(2)}–${r.pHigh.toFixed(2)}] · ${r.outcomes > 0 ? `learned from ${r.outcomes} outcome(s) in ${r.projects} project(s)` : 'prior only'}`,
      );
      lines.push(`    ${where(f)}`);
    });
  }
  for (const problem of report.problems) {
    lines.push(
      problem.ruleId.startsWith('(')
        ? `note: ${problem.message}`
        : `rule ${problem.ruleId} could not run: ${problem.message}`,
    );
  }
  lines.push('', 'tunebench tune --explain <finding> | --diff <finding> | --verify <finding> | --auto');
  return lines.join('\n');
}

export function formatExplain(finding: Finding): string {
  const r = finding.ranking;
  const lines = [
    `${finding.id}: ${finding.rule.title}`,
    `  ${finding.message}`,
    '',
    `Why: ${finding.rule.rationale}`,
    `Reference: ${finding.rule.reference.title} — ${finding.rule.reference.url}`,
    `Stack ${finding.rule.stack} · risk ${finding.rule.risk} · effort ${finding.rule.effort} · targets ${finding.rule.metrics.join(', ')}`,
    '',
    'Evidence:',
    ...finding.evidence.map((e) => `  ${e.file}${e.line ? `:${e.line}` : ''}${e.excerpt ? `  ${e.excerpt}` : ''}`),
  ];
  if (finding.current) lines.push(`Current:  ${finding.current}`);
  if (finding.proposed) lines.push(`Proposed: ${finding.proposed}`);
  if (finding.warning) lines.push(`Warning:  ${finding.warning}`);
  if (finding.commands.length > 0)
    lines.push('Run yourself (Tunebench never does):', ...finding.commands.map((c) => `  $ ${c}`));
  lines.push(
    '',
    `Expected gain ${(r.expectedGain * 100).toFixed(1)} % = P(improves) ${r.pImprove.toFixed(2)} (90 % [${r.pLow.toFixed(2)}, ${r.pHigh.toFixed(2)}]) × effect ${formatPercent(r.effect, false)} ÷ effort`,
    r.outcomes > 0
      ? `Learned from ${r.outcomes} outcome(s) in ${r.projects} project(s).`
      : 'No outcome recorded yet: the rule’s prior only.',
    finding.rule.automatic
      ? 'Tunebench can write this change: --diff to see it, --verify to measure it.'
      : 'Advice: make the change yourself.',
  );
  return lines.join('\n');
}

export function formatVerification(v: Verification): string {
  const lines = [`Verdict: ${v.overall}`, `  ${v.summary}`];
  if (v.metrics.length > 0) {
    lines.push(
      '',
      `${pad('metric', 44)}${pad('baseline', 16)}${pad('candidate', 16)}${pad('change', 10)}${pad('95 % CI', 22)}${pad('p', 9)}n`,
    );
    for (const m of v.metrics) {
      lines.push(
        `${pad(m.title.slice(0, 43), 44)}${pad(formatMeasure(m.baseline.median, m.unit), 16)}${pad(formatMeasure(m.candidate.median, m.unit), 16)}${pad(formatPercent(m.change), 10)}${pad(m.pValue === null ? 'exact (size)' : `${formatPercent(m.ciLow)} … ${formatPercent(m.ciHigh)}`, 22)}${pad(m.pValue === null ? '–' : m.pValue.toPrecision(2), 9)}${m.baseline.n}/${m.candidate.n}  ${m.verdict}`,
      );
    }
  }
  if (v.tests.ran) lines.push('', `Tests on the candidate: ${v.tests.command} ${v.tests.passed ? 'passed' : 'FAILED'}`);
  if (v.tests.passed === false || v.overall === 'broke-build')
    lines.push(
      v.tests.output
        .split('\n')
        .slice(-12)
        .map((l) => `  | ${l}`)
        .join('\n'),
    );
  for (const warning of v.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

export function formatChange(change: AppliedChange): string {
  return `#${change.id} ${change.findingId} ${change.status}${change.verification ? ` (${change.verification.overall})` : ''}${change.branch ? ` branch ${change.branch}` : ''}${change.commit ? ` commit ${change.commit.slice(0, 10)}` : ''}${change.merged ? ` — ${change.merged}` : ''}${change.note ? ` — ${change.note}` : ''}`;
}
