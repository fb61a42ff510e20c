import { formatPercent, formatValue } from '../../../shared/format-result';
import type { RunComparison } from '../../../shared/schemas/bench';
import type { Report } from '../../../shared/schemas/report';

function machineLine(report: Report): string {
  const m = report.machine;
  if (!m) return '_Machine not recorded in this report._';
  const gpus = m.gpus.length > 0 ? m.gpus.map((g) => g.name).join(', ') : 'no NVIDIA GPU';
  return `**Machine:** ${m.cpu.model} (${m.cpu.threads} threads), ${(m.memory.totalBytes / 2 ** 30).toFixed(0)} GiB, ${gpus}, ${m.os.distro} ${m.os.release} · \`${m.fingerprint}\``;
}

const VERDICT_ICON = { faster: '🟢 faster', slower: '🔴 slower', 'no significant change': '⚪ ~' } as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function comparisonTable(comparison: RunComparison): string[] {
  const lines = ['| Benchmark | Base | Head | Change [95 % CI] | p | Verdict |', '|---|---:|---:|---:|---:|---|'];
  for (const row of comparison.rows) {
    const c = row.comparison;
    const change =
      c.verdict === 'no significant change'
        ? `~ (${formatPercent(c.relativeChange)})`
        : `${formatPercent(c.relativeChange)} [${formatPercent(c.ci[0])}, ${formatPercent(c.ci[1])}]`;
    lines.push(
      `| ${escapeCell(row.title)} | ${formatValue(row.baseMedian, row.unit)} (n=${row.baseN}) | ${formatValue(row.headMedian, row.unit)} (n=${row.headN}) | ${change} | ${c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3)} | ${VERDICT_ICON[c.verdict]} |`,
    );
  }
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

/** A short summary for a pull-request description or a CI job summary. */
export function renderMarkdown(report: Report): string {
  const lines: string[] = ['## Tunebench', '', machineLine(report), ''];
  if (report.project) {
    lines.push(
      `**Project:** \`${report.project.root}\` at ${report.project.commit ?? 'unknown commit'}${report.project.dirty ? ' (dirty)' : ''}`,
      '',
    );
  }
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
