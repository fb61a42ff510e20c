import type { Run, RunComparison, Verdict } from '../../../../../shared/schemas/bench';
import type { Report } from '../../../../../shared/schemas/report';
import { formatGeomean } from '../format';
import { html, type SafeHtml } from '../html';

export function runLabel(report: Report, runId: number): string {
  const run = report.runs.find((r) => r.id === runId);
  return run ? `#${run.id} ${run.name}` : `#${runId} (not in this report)`;
}

/** Every warning a run carries: its own and its benchmarks'. */
export function warningCount(run: Run): number {
  return run.warnings.length + run.results.reduce((sum, r) => sum + r.warnings.length, 0);
}

function runsTable(report: Report): SafeHtml {
  if (report.runs.length === 0) return html`<p class="muted">No runs in this report.</p>`;
  const rows = report.runs.map(
    (run) =>
      html`<tr>
        <td>
          <a href="#run-${run.id}">#${run.id} ${run.name}</a><span class="id">${run.kind}, ${run.settings.preset}</span>
        </td>
        <td class="status-${run.status}">${run.status}</td>
        <td>${run.settings.level}</td>
        <td class="num">${run.results.length}</td>
        <td class="num">${run.failures.length}</td>
        <td class="num">${warningCount(run)}</td>
        <td class="num">${run.startedAt.replace('T', ' ').slice(0, 19)}</td>
      </tr>`,
  );
  return html`<div class="table-wrap">
    <table class="data-table" aria-label="Runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          <th scope="col">Level</th>
          <th scope="col" class="num">Benchmarks</th>
          <th scope="col" class="num">Failures</th>
          <th scope="col" class="num">Warnings</th>
          <th scope="col" class="num">Started (UTC)</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** Benchmarks per verdict; "inconclusive" counts apart, never folded into "no significant change". */
export function verdictCounts(
  comparison: RunComparison,
): Record<'faster' | 'slower' | 'same' | 'inconclusive', number> {
  const count = (verdict: Verdict) => comparison.rows.filter((r) => r.comparison.verdict === verdict).length;
  return {
    faster: count('faster'),
    slower: count('slower'),
    same: count('no significant change'),
    inconclusive: count('inconclusive'),
  };
}

function comparisonsTable(report: Report): SafeHtml | null {
  if (report.comparisons.length === 0) return null;
  const rows = report.comparisons.map((c, i) => {
    const counts = verdictCounts(c);
    return html`<tr>
      <td>
        <a href="#comparison-${i + 1}">${runLabel(report, c.baseRunId)} → ${runLabel(report, c.headRunId)}</a
        >${c.warnings.length > 0 ? html`<span class="id">⚠ ${c.warnings.length} warning${c.warnings.length === 1 ? '' : 's'}</span>` : null}
      </td>
      <td class="num verdict-faster">${counts.faster}</td>
      <td class="num verdict-slower">${counts.slower}</td>
      <td class="num verdict-same">${counts.same}</td>
      <td class="num verdict-inconclusive">${counts.inconclusive}</td>
      <td class="num">${formatGeomean(c.geomeanTimeRatio)}</td>
    </tr>`;
  });
  return html`<div class="table-wrap">
    <table class="data-table" aria-label="Comparisons">
      <thead>
        <tr>
          <th scope="col">Comparison (base → head)</th>
          <th scope="col" class="num">Faster</th>
          <th scope="col" class="num">Slower</th>
          <th scope="col" class="num">~ no significant change</th>
          <th scope="col" class="num">Inconclusive</th>
          <th scope="col" class="num">Geomean time ratio</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** Runs recorded elsewhere than the machine described on top: the reader must not miss that. */
function foreignRuns(report: Report): SafeHtml | null {
  if (report.machine === null) return null;
  const fingerprint = report.machine.fingerprint;
  const foreign = report.runs.filter((r) => r.fingerprint !== fingerprint);
  if (foreign.length === 0) return null;
  return html`<div class="callout" role="alert">
    <strong>⚠ Runs from another machine:</strong>
    ${foreign.map((r) => `#${r.id} ${r.name} (fingerprint ${r.fingerprint})`).join('; ')}. The machine above is not the
    one these numbers were measured on.
  </div>`;
}

export function overview(report: Report): SafeHtml {
  return html`<section aria-label="Summary">
    <h2>Runs</h2>
    ${foreignRuns(report)}${runsTable(report)}${
      report.comparisons.length > 0
        ? html`<h2>Comparisons</h2>
            ${comparisonsTable(report)}`
        : null
    }
  </section>`;
}
