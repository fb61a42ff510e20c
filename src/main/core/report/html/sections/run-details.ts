import { formatBytes } from '../../../../../shared/format';
import type { Run } from '../../../../../shared/schemas/bench';
import { formatDuration, formatNumber } from '../format';
import { html, type SafeHtml } from '../html';
import { runCurves } from './curves';
import { resultsTable } from './results-table';

function telemetry(run: Run): SafeHtml | null {
  const t = run.telemetry;
  if (t === null) return null;
  const item = (label: string, value: string) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  const optional = (value: number | null, unit: string) =>
    value === null ? 'not measured' : `${formatNumber(value)} ${unit}`;
  return html`<h3>Telemetry during the run</h3>
    <dl class="telemetry" aria-label="Telemetry of run ${run.id}">
      ${[
        item('samples', String(t.samples)),
        item('CPU mean / max', `${t.cpuMeanPct.toFixed(0)} % / ${t.cpuMaxPct.toFixed(0)} %`),
        item('max memory in use', formatBytes(t.memoryMaxUsedBytes)),
        item('max CPU temperature', optional(t.cpuMaxTemperatureC, '°C')),
        item('max GPU power', optional(t.gpuMaxPowerW, 'W')),
        item('max GPU temperature', optional(t.gpuMaxTemperatureC, '°C')),
      ]}
    </dl>`;
}

function failures(run: Run): SafeHtml | null {
  if (run.failures.length === 0 && run.error === null) return null;
  return html`<div class="callout error" role="alert">
    <strong
      >✖ ${run.failures.length} benchmark${run.failures.length === 1 ? '' : 's'}
      failed${run.error ? ' and the run reported an error' : ''}</strong
    >
    <ul>
      ${run.error ? html`<li>run: ${run.error}</li>` : null}${run.failures.map((f) => html`<li>${f.title} <code>${f.id}</code>: ${f.error}</li>`)}
    </ul>
  </div>`;
}

function runWarnings(run: Run): SafeHtml | null {
  if (run.warnings.length === 0) return null;
  return html`<div class="callout">
    <strong>⚠ Warnings</strong>
    <ul>
      ${run.warnings.map((w) => html`<li>${w}</li>`)}
    </ul>
  </div>`;
}

function options(run: Run): string {
  const entries = Object.entries(run.settings.options).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return entries.length > 0 ? entries.join(', ') : 'none';
}

/** Everything about one run: settings, warnings, failures, results, curves, telemetry. */
export function runDetails(run: Run): SafeHtml {
  const duration = formatDuration(run.startedAt, run.finishedAt);
  return html`<section class="run" id="run-${run.id}" aria-label="Run ${run.id}">
    <h2>Run #${run.id}: ${run.name}</h2>
    <p class="muted small">
      ${run.kind} · preset ${run.settings.preset} · level ${run.settings.level} ·
      <span class="status-${run.status}">${run.status}</span> · started
      ${run.startedAt}${duration ? ` · took ${duration}` : ''} · fingerprint <code>${run.fingerprint}</code
      ><br />options: <code>${options(run)}</code>
    </p>
    ${runWarnings(run)}${failures(run)}${run.results.length > 0 ? resultsTable(run.results, `Results of run ${run.id}`) : html`<p class="muted">No results.</p>`}${runCurves(run)}${telemetry(run)}
  </section>`;
}
