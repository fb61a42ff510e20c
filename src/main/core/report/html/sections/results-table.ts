import { isOpenVinoRuntimeExtra } from '../../../../../shared/openvino-extras';
import type { BenchmarkResult } from '../../../../../shared/schemas/bench';
import { formatHalfWidth, formatNumber, withUnit } from '../format';
import { html, type SafeHtml } from '../html';
import { MAX_DOTS, stripPlot } from '../svg/strip-plot';

const STOP_REASONS: Record<BenchmarkResult['stopReason'], string | null> = {
  'precision-reached': null,
  'max-samples': 'stopped at the maximum sample count',
  'time-budget': 'stopped at the time budget',
  cancelled: 'cancelled',
};

function notes(result: BenchmarkResult): SafeHtml {
  // The precision warning already says where sampling stopped; say it once.
  const stop = STOP_REASONS[result.stopReason];
  const stopNote = stop && !result.warnings.some((w) => w.includes(stop)) ? html`<li>${stop}</li>` : null;
  // The OpenVINO module is said once above the table (openvino-runtime.ts), not in every row.
  const extras = Object.entries(result.extras)
    .filter(([key]) => !isOpenVinoRuntimeExtra(key))
    .map(([key, value]) => html`<li>${key}: ${value}</li>`);
  const warnings = result.warnings.map((w) => html`<li class="warning">⚠ ${w}</li>`);
  return html`<ul class="notes">
    ${stopNote}${extras}${warnings}
  </ul>`;
}

function row(result: BenchmarkResult): SafeHtml {
  const { summary, unit } = result;
  const better = result.direction === 'higher-is-better' ? 'higher is better' : 'lower is better';
  return html`<tr>
    <td>${result.title}<span class="id">${result.id} · ${better}</span></td>
    <td class="num">${withUnit(summary.median, unit)}</td>
    <td class="num">${formatHalfWidth(summary.relativeHalfWidth)}</td>
    <td class="num">${summary.n}</td>
    <td class="num">${formatNumber(summary.min)}–${formatNumber(summary.max)}</td>
    <td>${stripPlot(result.samples, summary, unit)}</td>
    <td>${notes(result)}</td>
  </tr>`;
}

/** One row per benchmark: median, CI, n, range, every sample as a strip plot, and what to know. */
export function resultsTable(results: readonly BenchmarkResult[], label: string): SafeHtml {
  return html`<p class="legend-line">
      Median with the distribution-free 95 % CI of the median (± half-width); samples: every sample (at most ${MAX_DOTS}
      drawn) from min to max, the median as a bar, its CI as a band, outliers in red.
    </p>
    <div class="table-wrap">
      <table class="data-table results" aria-label="${label}">
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col" class="num">Median</th>
            <th scope="col" class="num">95 % CI</th>
            <th scope="col" class="num">n</th>
            <th scope="col" class="num">min–max</th>
            <th scope="col">Samples</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          ${results.map(row)}
        </tbody>
      </table>
    </div>`;
}
