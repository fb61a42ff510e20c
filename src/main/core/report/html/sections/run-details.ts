import { formatBytes } from '../../../../../shared/format';
import type { Run } from '../../../../../shared/schemas/bench';
import { formatDuration, formatNumber } from '../format';
import { html, type SafeHtml } from '../html';
import { runCurves } from './curves';
import { openVinoRuntimeSection } from './openvino-runtime';
import { lineStats, timeSeriesChart, type TimeSeriesLine, type TimeSeriesSpec } from '../svg/time-series';
import { resultsTable } from './results-table';

type Series = NonNullable<NonNullable<Run['telemetry']>['series']>;

/** The numbers behind a telemetry chart, as text: min, mean and max of every line. */
function statsTable(lines: readonly TimeSeriesLine[], unit: string, caption: string): SafeHtml {
  const rows = lines.map((line) => {
    const stats = lineStats(line);
    return html`<tr>
      <td>${line.label}</td>
      <td class="num">${stats?.min ?? '–'}</td>
      <td class="num">${stats?.mean ?? '–'}</td>
      <td class="num">${stats?.max ?? '–'}</td>
    </tr>`;
  });
  return html`<table class="data-table small" aria-label="${caption}">
    <thead>
      <tr>
        <th scope="col">series (${unit})</th>
        <th scope="col" class="num">min</th>
        <th scope="col" class="num">mean</th>
        <th scope="col" class="num">max</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function seriesFigure(kind: string, summary: string, spec: TimeSeriesSpec): SafeHtml {
  return html`<figure class="chart" data-chart="${kind}" aria-label="${spec.label}">
    <figcaption><span class="chart-title">${spec.label}</span><span class="chart-summary">${summary}</span></figcaption>
    ${timeSeriesChart(spec)}${statsTable(spec.lines, spec.unit, `${spec.label}: data`)}
  </figure>`;
}

/** CPU, memory and GPU utilisation over the run, and GPU power when nvidia-smi reported it. */
function telemetryCharts(run: Run, series: Series): SafeHtml {
  const points = series.points;
  if (points.length < 2) {
    return html`<p class="muted small">Telemetry over time: ${points.length} point, too few to draw.</p>`;
  }
  const times = points.map((p) => p.t);
  const gpuIndexes = [...new Set(points.flatMap((p) => p.gpus.map((g) => g.index)))].sort((a, b) => a - b);
  const gpu = (index: number, field: 'utilizationPct' | 'powerW') =>
    points.map((p) => p.gpus.find((g) => g.index === index)?.[field] ?? null);
  const measured = (line: TimeSeriesLine) => line.values.some((v) => v !== null);
  const usage: TimeSeriesLine[] = [
    { label: 'CPU', className: 'ts-cpu', values: points.map((p) => p.cpuPct) },
    { label: 'memory in use', className: 'ts-memory', values: points.map((p) => p.memoryPct) },
    ...gpuIndexes.map((index, k) => ({
      label: `GPU ${index}`,
      className: `ts-gpu${k > 0 ? ' ts-alt' : ''}`,
      values: gpu(index, 'utilizationPct'),
    })),
  ].filter(measured);
  const power = gpuIndexes
    .map((index, k) => ({
      label: `GPU ${index} board power`,
      className: `ts-power${k > 0 ? ' ts-alt' : ''}`,
      values: gpu(index, 'powerW'),
    }))
    .filter(measured);
  const span = `${points.length} points over ${formatNumber(times.at(-1)! - times[0]!)} s`;
  const how =
    series.sliceS === null ? 'one point per sample' : `each point the mean of a ${formatNumber(series.sliceS)} s slice`;
  const figures = [
    seriesFigure('telemetry', `${span}, ${how}; utilisation of all cores, memory in use of the total`, {
      label: `Utilisation during run #${run.id} (%)`,
      unit: '%',
      times,
      lines: usage,
      yMax: 100,
    }),
  ];
  if (power.length > 0) {
    figures.push(
      seriesFigure('telemetry-power', `${span}, ${how}; nvidia-smi board power`, {
        label: `GPU power during run #${run.id} (W)`,
        unit: 'W',
        times,
        lines: power,
      }),
    );
  }
  return html`<div class="charts wide">${figures}</div>`;
}

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
    </dl>
    ${t.series ? telemetryCharts(run, t.series) : null}`;
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
    ${runWarnings(run)}${failures(run)}${openVinoRuntimeSection(run)}${run.results.length > 0 ? resultsTable(run.results, `Results of run ${run.id}`) : html`<p class="muted">No results.</p>`}${runCurves(run)}${telemetry(run)}
  </section>`;
}
