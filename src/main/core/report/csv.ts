import type { Report } from '../../../shared/schemas/report';

/** RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/**
 * Applied changes, one row per metric and side (baseline, then candidate): the side's median, n
 * and the 95 % CI of its median, and on both rows the relative change of the candidate with its
 * CI, p-value and verdict. Deterministic metrics (sizes) have n = 1 and an empty p-value.
 */
export function renderChangesCsv(report: Report): string {
  const rows: (string | number)[][] = [
    [
      'change_id',
      'finding_id',
      'rule_id',
      'status',
      'overall',
      'metric',
      'title',
      'unit',
      'side',
      'median',
      'n',
      'median_ci_low',
      'median_ci_high',
      'relative_change',
      'change_ci_low',
      'change_ci_high',
      'p_value',
      'verdict',
    ],
  ];
  for (const change of report.appliedChanges) {
    for (const m of change.verification?.metrics ?? []) {
      for (const side of ['baseline', 'candidate'] as const) {
        const s = m[side];
        rows.push([
          change.id,
          change.findingId,
          change.ruleId,
          change.status,
          change.verification!.overall,
          m.metric,
          m.title,
          m.unit,
          side,
          s.median,
          s.n,
          s.low,
          s.high,
          m.change,
          m.ciLow,
          m.ciHigh,
          m.pValue ?? '',
          m.verdict,
        ]);
      }
    }
  }
  return table(rows);
}

/**
 * CSV holds one table. A report of runs gives one row per sample (run, benchmark, parameters,
 * unit, sample index and value); a project's recommendations give one row per applied change,
 * metric and side (see renderChangesCsv). Findings have no numbers worth a table here: they are in
 * the JSON, HTML and Markdown. A report with both runs and applied changes is refused rather than
 * written as two tables in one file that CSV readers would misparse.
 */
export function renderCsv(report: Report): string {
  const tuning = report.appliedChanges.length > 0 || Boolean(report.project?.tuningScore);
  if (report.runs.length > 0 && report.appliedChanges.length > 0) {
    throw new RangeError(
      'CSV holds one table: this report has both runs (one row per sample) and applied changes (one row per metric side); write them to separate files, or use JSON',
    );
  }
  return tuning && report.runs.length === 0 ? renderChangesCsv(report) : renderSamplesCsv(report);
}

/** One row per sample: run, benchmark, parameters, unit, sample index and value. */
export function renderSamplesCsv(report: Report): string {
  const rows = [
    [
      'run_id',
      'run_name',
      'machine',
      'benchmark_id',
      'benchmark',
      'parameters',
      'unit',
      'direction',
      'sample_index',
      'value',
    ],
  ];
  for (const run of report.runs) {
    for (const result of run.results) {
      const params = Object.entries(result.params)
        .map(([key, value]) => `${key}=${value}`)
        .join(';');
      result.samples.forEach((value, index) => {
        rows.push([
          String(run.id),
          run.name,
          run.fingerprint,
          result.id,
          result.title,
          params,
          result.unit,
          result.direction,
          String(index),
          String(value),
        ]);
      });
    }
  }
  return table(rows);
}
