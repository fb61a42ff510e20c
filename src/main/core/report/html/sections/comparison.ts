import type { Run, RunComparison } from '../../../../../shared/schemas/bench';
import type { Report } from '../../../../../shared/schemas/report';
import { formatChange, formatGeomean, formatP, withUnit } from '../format';
import { html, type SafeHtml } from '../html';
import { comparisonBars, type ComparisonBarRow, type NormalisedBar } from '../svg/comparison-bars';
import { runLabel, verdictCounts } from './overview';

type Row = RunComparison['rows'][number];

function verdictCell(row: Row): SafeHtml {
  const verdict = row.comparison.verdict;
  if (verdict === 'no significant change') return html`<td class="verdict-same" title="no significant change">~</td>`;
  return html`<td class="verdict-${verdict}">${verdict}</td>`;
}

function table(comparison: RunComparison, label: string): SafeHtml {
  const rows = comparison.rows.map(
    (r) =>
      html`<tr>
        <td>
          ${r.title}<span class="id"
            >${r.id} · ${r.direction === 'higher-is-better' ? 'higher' : 'lower'} is better</span
          >
        </td>
        <td class="num">${withUnit(r.baseMedian, r.unit)} (${r.baseN})</td>
        <td class="num">${withUnit(r.headMedian, r.unit)} (${r.headN})</td>
        <td class="num">${formatChange(r.comparison.relativeChange, r.comparison.ci)}</td>
        <td class="num">${formatP(r.comparison.pValue)}</td>
        ${verdictCell(r)}
      </tr>`,
  );
  return html`<div class="table-wrap">
    <table class="data-table" aria-label="${label}">
      <thead>
        <tr>
          <th scope="col">Benchmark</th>
          <th scope="col" class="num">Base median (n)</th>
          <th scope="col" class="num">Head median (n)</th>
          <th scope="col" class="num">Change [95 % CI]</th>
          <th scope="col" class="num">p</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
        <tr>
          <td colspan="3"><strong>geomean</strong> (time-like, throughputs inverted)</td>
          <td class="num">${formatGeomean(comparison.geomeanTimeRatio)}</td>
          <td></td>
          <td></td>
        </tr>
      </tbody>
    </table>
  </div>`;
}

/** One side normalised to the base median; its own 95 % CI when the run is in the report. */
function side(run: Run | undefined, row: Row, median: number, n: number): NormalisedBar {
  const ci = run?.results.find((r) => r.id === row.id)?.summary.medianCi ?? null;
  const scale = (v: number) => (v / row.baseMedian) * 100;
  return { value: scale(median), ci: ci ? [scale(ci[0]), scale(ci[1])] : null, n };
}

function barRows(report: Report, comparison: RunComparison): ComparisonBarRow[] {
  const base = report.runs.find((r) => r.id === comparison.baseRunId);
  const head = report.runs.find((r) => r.id === comparison.headRunId);
  return comparison.rows
    .filter((r) => r.baseMedian !== 0)
    .map((r) => ({
      title: r.title,
      unit: r.unit,
      direction: r.direction,
      verdict: r.comparison.verdict,
      change: r.comparison.relativeChange,
      base: side(base, r, r.baseMedian, r.baseN),
      head: side(head, r, r.headMedian, r.headN),
    }));
}

function idList(title: string, ids: readonly string[]): SafeHtml | null {
  if (ids.length === 0) return null;
  return html`<p class="small">
    <strong>${title}</strong> (not compared): ${ids.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`)}
  </p>`;
}

/** benchstat-style table, before/after bars, one-sided benchmarks and the comparison's warnings. */
export function comparisonSection(report: Report, comparison: RunComparison, index: number): SafeHtml {
  const name = `${runLabel(report, comparison.baseRunId)} → ${runLabel(report, comparison.headRunId)}`;
  const counts = verdictCounts(comparison);
  const rows = barRows(report, comparison);
  const alpha = comparison.rows[0]?.comparison.alpha ?? 0.05;
  const noise = ((comparison.rows[0]?.comparison.noiseThreshold ?? 0.02) * 100).toFixed(0);
  const chartTitle = `Before/after, normalised to base = 100 %: ${name}`;
  const warnings =
    comparison.warnings.length > 0
      ? html`<div class="callout" role="alert">
          <strong>⚠ Read with care</strong>
          <ul>
            ${comparison.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>
        </div>`
      : null;
  const chart =
    rows.length > 0
      ? html`<figure class="chart" data-chart="comparison" aria-label="${chartTitle}">
          <figcaption>
            <span class="chart-title">${chartTitle}</span
            ><span class="chart-summary"
              >each benchmark in its own unit, shown as % of its base median; whiskers: 95 % CI of each median; n per
              side on the right; verdicts need p &lt; ${alpha}, a CI excluding 0 and a change beyond ±${noise} %</span
            >
          </figcaption>
          ${comparisonBars(chartTitle, rows)}
        </figure>`
      : html`<p class="muted">No benchmark is present in both runs.</p>`;
  return html`<section class="comparison" id="comparison-${index + 1}" aria-label="Comparison ${index + 1}">
    <h2>Comparison: ${name}</h2>
    <p class="small">
      <span class="verdict-faster">${counts.faster} faster</span> ·
      <span class="verdict-slower">${counts.slower} slower</span> ·
      <span class="verdict-same">${counts.same} no significant change (~)</span> · geomean
      ${formatGeomean(comparison.geomeanTimeRatio)}
    </p>
    ${warnings}${table(comparison, `Comparison table: ${name}`)}${chart}${idList('Only in base', comparison.onlyInBase)}${idList('Only in head', comparison.onlyInHead)}
  </section>`;
}
