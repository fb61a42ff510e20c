import type { Report } from '../../../shared/schemas/report';

/** RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per sample: run, benchmark, parameters, unit, sample index and value. */
export function renderCsv(report: Report): string {
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
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
