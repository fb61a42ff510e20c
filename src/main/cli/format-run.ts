import type { Run, RunComparison } from '../../shared/schemas/bench';
import { formatPercent, formatSummary, formatValue } from '../../shared/format-result';
import { changeText, verdictNotes } from '../core/report/verdict-notes';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The result table of a run: median ± CI (n), outliers, extras and warnings. */
export function formatRun(run: Run): string {
  const lines = [
    `Run ${run.id}: ${run.name} — ${run.status}, ${run.settings.level} precision, started ${run.startedAt}`,
  ];
  const rows = [['benchmark', 'median ± 95 % CI (samples)', 'min … max', 'outliers', 'notes']];
  for (const result of run.results) {
    const s = result.summary;
    const outliers = s.outliers.mild.length + s.outliers.severe.length;
    const extras = Object.entries(result.extras)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    rows.push([
      result.title,
      formatSummary(s, result.unit),
      `${formatValue(s.min, '').trim()} … ${formatValue(s.max, '').trim()}`,
      outliers > 0 ? `${outliers} flagged` : '–',
      [extras, result.warnings.length > 0 ? `⚠ ${result.warnings.length}` : ''].filter(Boolean).join('; '),
    ]);
  }
  lines.push(table(rows));
  const warned = run.results.filter((r) => r.warnings.length > 0);
  for (const result of warned) for (const warning of result.warnings) lines.push(`⚠ ${result.title}: ${warning}`);
  for (const failure of run.failures) lines.push(`✗ ${failure.title}: ${failure.error}`);
  for (const warning of run.warnings) lines.push(`⚠ ${warning}`);
  return lines.join('\n');
}

/** benchstat-style: base, head, change with CI, p-value, "~" when not significant. */
export function formatComparison(comparison: RunComparison): string {
  const rows = [['benchmark', 'base', 'head', 'change [95 % CI]', 'p', 'verdict']];
  const notes = verdictNotes(comparison);
  for (const row of comparison.rows) {
    const c = row.comparison;
    rows.push([
      row.title,
      `${formatValue(row.baseMedian, row.unit)} (n=${row.baseN})`,
      `${formatValue(row.headMedian, row.unit)} (n=${row.headN})`,
      changeText(c),
      c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3),
      `${c.verdict}${notes.marker(c)}`,
    ]);
  }
  const lines = [`Run ${comparison.baseRunId} → run ${comparison.headRunId}`, table(rows), ...notes.lines];
  if (comparison.geomeanTimeRatio !== null) {
    lines.push(
      `geomean time ratio ${comparison.geomeanTimeRatio.toFixed(3)} (${formatPercent(comparison.geomeanTimeRatio - 1)}; below 1 is faster)`,
    );
  }
  if (comparison.onlyInBase.length > 0) lines.push(`only in base: ${comparison.onlyInBase.join(', ')}`);
  if (comparison.onlyInHead.length > 0) lines.push(`only in head: ${comparison.onlyInHead.join(', ')}`);
  for (const warning of comparison.warnings) lines.push(`⚠ ${warning}`);
  return lines.join('\n');
}
