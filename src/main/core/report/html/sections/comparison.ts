import type { Run, RunComparison } from '../../../../../shared/schemas/bench';
import type { Report } from '../../../../../shared/schemas/report';
import { formatChange, formatGeomean, formatP, withUnit } from '../format';
import { html, type SafeHtml } from '../html';
import { comparisonBars, verdictClass, type ComparisonBarRow, type NormalisedBar } from '../svg/comparison-bars';
import { runLabel, verdictCounts } from './overview';
import { noiseFloorText, roundsText } from '../../../../../shared/verdict-basis';

type Row = RunComparison['rows'][number];

/** How many rounds each side ran (from the runs in the report); undefined where a run is not in it. */
interface RoundCounts {
  base: number | undefined;
  head: number | undefined;
}

/**
 * What a verdict rests on beyond one run's samples: rounds of separate runs (their medians are the replicates),
 * and the between-run noise floor learned from history that the change had to clear. Null for plain samples.
 */
function verdictBasis(row: Row, rounds: RoundCounts): string | null {
  const parts = [
    row.comparison.basis === 'rounds' ? roundsText(rounds.base, rounds.head) : null,
    row.comparison.noiseFloor ? noiseFloorText(row.comparison.noiseFloor) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function verdictCell(row: Row, basis: string | null): SafeHtml {
  const { verdict, reason } = row.comparison;
  const detail = basis ? html`<span class="id basis">${basis}</span>` : null;
  const word = verdict === 'no significant change' ? '~' : verdict;
  return html`<td class="${verdictClass(verdict)}" title="${reason ?? verdict}">${word}${detail}</td>`;
}

/** The reason under its row, not only in a tooltip: "inconclusive" is only honest when the reader sees why. */
function reasonRow(row: Row): SafeHtml | null {
  const { verdict, reason } = row.comparison;
  if (!reason) return null;
  const label =
    verdict === 'inconclusive'
      ? html`<strong class="verdict-inconclusive">Why inconclusive:</strong>`
      : html`<strong>Note:</strong>`;
  return html`<tr class="verdict-note">
    <td colspan="6">${label} ${reason}</td>
  </tr>`;
}

function roundCounts(run: Run | undefined, id: string): number | undefined {
  return run?.results.find((r) => r.id === id)?.rounds?.length;
}

function table(report: Report, comparison: RunComparison, label: string): SafeHtml {
  const base = report.runs.find((r) => r.id === comparison.baseRunId);
  const head = report.runs.find((r) => r.id === comparison.headRunId);
  const rows = comparison.rows.map(
    (r) =>
      html`<tr${r.comparison.reason ? html` class="has-note"` : null}>
        <td>
          ${r.title}<span class="id"
            >${r.id} · ${r.direction === 'higher-is-better' ? 'higher' : 'lower'} is better</span
          >
        </td>
        <td class="num">${withUnit(r.baseMedian, r.unit)} (${r.baseN})</td>
        <td class="num">${withUnit(r.headMedian, r.unit)} (${r.headN})</td>
        <td class="num">${formatChange(r.comparison.relativeChange, r.comparison.ci)}</td>
        <td class="num">${formatP(r.comparison.pValue)}</td>
        ${verdictCell(
          r,
          verdictBasis(r, {
            base: r.comparison.rounds?.[0] ?? roundCounts(base, r.id),
            head: r.comparison.rounds?.[1] ?? roundCounts(head, r.id),
          }),
        )}
      </tr>${reasonRow(r)}`,
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
      ...(r.comparison.reason ? { reason: r.comparison.reason } : {}),
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

/**
 * The smallest change a verdict needed: the threshold asked for, or a benchmark's noise floor where that is larger
 * (each row carries the one it had to clear, so the smallest of them is the one asked for, or below every floor).
 */
function thresholdText(comparison: RunComparison): string {
  const thresholds = comparison.rows.map((r) => r.comparison.noiseThreshold);
  const smallest = thresholds.length > 0 ? Math.min(...thresholds) : 0.02;
  const floors = comparison.rows.some((r) => r.comparison.noiseFloor);
  return `±${(smallest * 100).toFixed(0)} %${floors ? " (or the benchmark's noise floor, if larger)" : ''}`;
}

/** benchstat-style table, before/after bars, one-sided benchmarks and the comparison's warnings. */
export function comparisonSection(report: Report, comparison: RunComparison, index: number): SafeHtml {
  const name = `${runLabel(report, comparison.baseRunId)} → ${runLabel(report, comparison.headRunId)}`;
  const counts = verdictCounts(comparison);
  const rows = barRows(report, comparison);
  const alpha = comparison.rows[0]?.comparison.alpha ?? 0.05;
  const noise = thresholdText(comparison);
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
              side on the right; verdicts need p &lt; ${alpha}, a CI excluding 0 and a change beyond
              ${noise}${
                counts.inconclusive > 0
                  ? '; a hollow bar is inconclusive: the runs cannot decide it (the table says why)'
                  : ''
              }</span
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
      <span class="verdict-same">${counts.same} no significant change (~)</span> ·
      <span class="verdict-inconclusive">${counts.inconclusive} inconclusive</span> · geomean
      ${formatGeomean(comparison.geomeanTimeRatio)}
    </p>
    ${warnings}${table(report, comparison, `Comparison table: ${name}`)}${chart}${idList('Only in base', comparison.onlyInBase)}${idList('Only in head', comparison.onlyInHead)}
  </section>`;
}
