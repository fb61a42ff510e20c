import { formatPercent, formatValue } from '../../../shared/format-result';
import { changeText, verdictNotes } from './verdict-notes';
import type { RunComparison } from '../../../shared/schemas/bench';
import type { Report } from '../../../shared/schemas/report';
import type { AppliedChange } from '../../../shared/schemas/tune';
import {
  changeCi,
  evidenceWhere,
  gainPoints,
  METRIC_VERDICT_LABEL,
  metricValue,
  OVERALL_LABEL,
  overallTone,
  pText,
  testsLine,
} from './tune-format';

function machineLine(report: Report): string {
  const m = report.machine;
  if (!m) return '_Machine not recorded in this report._';
  const gpus = m.gpus.length > 0 ? m.gpus.map((g) => g.name).join(', ') : 'no NVIDIA GPU';
  return `**Machine:** ${m.cpu.model} (${m.cpu.threads} threads), ${(m.memory.totalBytes / 2 ** 30).toFixed(0)} GiB, ${gpus}, ${m.os.distro} ${m.os.release} · \`${m.fingerprint}\``;
}

const VERDICT_ICON = {
  faster: '🟢 faster',
  slower: '🔴 slower',
  'no significant change': '⚪ ~',
  inconclusive: '🟡 inconclusive',
} as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function comparisonTable(comparison: RunComparison): string[] {
  const lines = ['| Benchmark | Base | Head | Change [95 % CI] | p | Verdict |', '|---|---:|---:|---:|---:|---|'];
  const notes = verdictNotes(comparison);
  for (const row of comparison.rows) {
    const c = row.comparison;
    lines.push(
      `| ${escapeCell(row.title)} | ${formatValue(row.baseMedian, row.unit)} (n=${row.baseN}) | ${formatValue(row.headMedian, row.unit)} (n=${row.headN}) | ${changeText(c)} | ${c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3)} | ${VERDICT_ICON[c.verdict]}${escapeCell(notes.marker(c))} |`,
    );
  }
  if (notes.lines.length > 0) lines.push('', ...notes.lines.map((line) => `${escapeCell(line)}  `));
  if (comparison.geomeanTimeRatio !== null) {
    lines.push(
      '',
      `Geometric mean time ratio: **${comparison.geomeanTimeRatio.toFixed(3)}** (${formatPercent(comparison.geomeanTimeRatio - 1)}; below 1 is faster)`,
    );
  }
  if (comparison.onlyInBase.length > 0) lines.push('', `Only in base: ${comparison.onlyInBase.join(', ')}`);
  if (comparison.onlyInHead.length > 0) lines.push('', `Only in head: ${comparison.onlyInHead.join(', ')}`);
  for (const warning of comparison.warnings) lines.push('', `> ⚠️ ${warning}`);
  return lines;
}

const METRIC_ICON = { better: '🟢', worse: '🔴', same: '⚪', inconclusive: '🟡' } as const;
const TONE_ICON = { good: '🟢', bad: '🔴', neutral: '⚪' } as const;

/** The before/after table of one verified change, one row per measured metric. */
export function changeTable(change: AppliedChange): string[] {
  const v = change.verification;
  if (!v || v.metrics.length === 0) return [];
  const lines = ['| Metric | Before | After | Change | 95 % CI | p | Verdict |', '|---|---:|---:|---:|---:|---:|---|'];
  for (const m of v.metrics) {
    lines.push(
      `| ${escapeCell(m.title)} | ${metricValue(m.baseline.median, m.unit)} (n=${m.baseline.n}) | ${metricValue(m.candidate.median, m.unit)} (n=${m.candidate.n}) | ${formatPercent(m.change)} | ${changeCi(m)} | ${pText(m.pValue)} | ${METRIC_ICON[m.verdict]} ${METRIC_VERDICT_LABEL[m.verdict]} |`,
    );
  }
  return lines;
}

function changeLines(change: AppliedChange): string[] {
  const v = change.verification;
  const verdict = v ? `${TONE_ICON[overallTone(v.overall)]} ${OVERALL_LABEL[v.overall]}` : 'not verified';
  const where = [
    change.branch ? `branch \`${change.branch}\`` : null,
    change.commit ? `commit ${change.commit.slice(0, 10)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `#### Change #${change.id}: \`${change.findingId}\` — ${verdict} (${change.status}${where ? `, ${where}` : ''})`,
    '',
  ];
  if (v) lines.push(escapeCell(v.summary), '');
  const table = changeTable(change);
  if (table.length > 0) lines.push(...table, '');
  const tests = testsLine(change);
  if (tests) lines.push(`_${tests}_`, '');
  for (const warning of v?.warnings ?? []) lines.push(`> ⚠️ ${escapeCell(warning)}`, '');
  if (change.note) lines.push(`> ${escapeCell(change.note)}`, '');
  return lines;
}

/** Score with its formula, the ranked findings and each applied change with its before/after table. */
function recommendations(report: Report): string[] {
  const lines: string[] = [];
  const score = report.project?.tuningScore;
  if (score) {
    lines.push(`### Tuning score: **${score.score}**/100`, '', `_${score.formula}_`, '');
    if (score.parts.length > 0) {
      lines.push('| Finding | Points lost |', '|---|---:|');
      for (const part of score.parts)
        lines.push(`| ${escapeCell(part.title)} (\`${part.findingId}\`) | ${part.penalty.toFixed(1)} |`);
      lines.push('');
    }
  }
  if (report.findings.length > 0) {
    lines.push(
      `### Recommendations (${report.findings.length}, ranked by expected gain)`,
      '',
      '| # | Finding | Where | Expected gain | P(improves) [90 %] | Effect | Risk | Effort |',
      '|---:|---|---|---:|---:|---:|---|---|',
    );
    report.findings.forEach((f, i) => {
      const r = f.ranking;
      lines.push(
        `| ${i + 1} | ${escapeCell(f.rule.title)}${f.rule.automatic ? '' : ' (advice)'}<br>${escapeCell(f.message)} | \`${escapeCell(evidenceWhere(f))}\` | ${gainPoints(f)} | ${r.pImprove.toFixed(2)} [${r.pLow.toFixed(2)}, ${r.pHigh.toFixed(2)}] | ${formatPercent(r.effect, false)} | ${f.rule.risk} | ${f.rule.effort} |`,
      );
    });
    lines.push('', '_Expected gain = P(improves) × expected effect ÷ effort (low 1, medium 2, high 4)._', '');
  } else if (score) {
    lines.push('No findings: every rule that applies to this project is satisfied.', '');
  }
  for (const problem of report.project?.tuningProblems ?? [])
    lines.push(`> ⚠️ rule ${problem.ruleId} could not run: ${escapeCell(problem.message)}`, '');
  if (report.appliedChanges.length > 0) {
    lines.push(`### Applied changes (${report.appliedChanges.length})`, '');
    for (const change of report.appliedChanges) lines.push(...changeLines(change));
  }
  if (report.legacy) {
    lines.push(`> ${report.legacy.note}`);
    for (const f of report.legacy.findings)
      lines.push(`> - finding ${escapeCell(f.rule)}: ${escapeCell(f.title)} (${escapeCell(f.evidence)})`);
    for (const c of report.legacy.appliedChanges)
      lines.push(`> - applied change ${escapeCell(c.rule)}: ${escapeCell(c.verdict)}`);
    lines.push('');
  }
  return lines;
}

/** A short summary for a pull-request description or a CI job summary. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = ['## Tunebench', '', machineLine(report), ''];
  if (report.project) {
    lines.push(
      `**Project:** \`${report.project.root}\` at ${report.project.commit ?? 'unknown commit'}${report.project.dirty ? ' (dirty)' : ''}`,
      '',
    );
  }
  lines.push(...recommendations(report));
  for (const comparison of report.comparisons) {
    lines.push(`### Run ${comparison.baseRunId} → run ${comparison.headRunId}`, '', ...comparisonTable(comparison), '');
  }
  if (report.comparisons.length === 0) {
    for (const run of report.runs) {
      lines.push(`### ${escapeCell(run.name)} (run ${run.id}, ${run.status}, ${run.settings.level} precision)`, '');
      lines.push('| Benchmark | Median | 95 % CI | n |', '|---|---:|---:|---:|');
      for (const result of run.results) {
        const s = result.summary;
        lines.push(
          `| ${escapeCell(result.title)} | ${formatValue(s.median, result.unit)} | ${s.relativeHalfWidth === null ? 'n < 6' : `± ${(s.relativeHalfWidth * 100).toFixed(1)} %`} | ${s.n} |`,
        );
      }
      for (const failure of run.failures)
        lines.push('', `> ❌ ${escapeCell(failure.title)}: ${escapeCell(failure.error)}`);
      lines.push('');
    }
  }
  const warned = report.runs.flatMap((run) => run.warnings);
  for (const warning of warned) lines.push(`> ⚠️ ${warning}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
