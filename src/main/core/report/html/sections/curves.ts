import { latencyCurve, scalingCurve, throughputByBatch, type CurvePoint } from '../../../../../shared/curves';
import type { Run } from '../../../../../shared/schemas/bench';
import { formatNumber } from '../format';
import { html, type SafeHtml } from '../html';
import { curveChart, type CurveChartSpec } from '../svg/curve-chart';

function unitOf(run: Run, prefix: string): string {
  return run.results.find((r) => r.id.startsWith(prefix))?.unit ?? '';
}

/** The numbers behind a chart, as text: readable in print and by screen readers. */
function pointsTable(points: readonly CurvePoint[], xTitle: string, unit: string, caption: string): SafeHtml {
  const rows = points.map(
    (p) =>
      html`<tr>
        <td>${p.label}</td>
        <td class="num">${formatNumber(p.median)}</td>
        <td class="num">${formatNumber(p.low)}–${formatNumber(p.high)}</td>
        <td class="num">${p.n}</td>
      </tr>`,
  );
  return html`<table class="data-table small" aria-label="${caption}">
    <thead>
      <tr>
        <th scope="col">${xTitle}</th>
        <th scope="col" class="num">median (${unit})</th>
        <th scope="col" class="num">95 % CI</th>
        <th scope="col" class="num">n</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function figure(kind: string, title: string, summary: string, spec: CurveChartSpec): SafeHtml {
  return html`<figure class="chart" data-chart="${kind}" aria-label="${title}">
    <figcaption><span class="chart-title">${title}</span><span class="chart-summary">${summary}</span></figcaption>
    ${curveChart(spec)}${pointsTable(spec.points, spec.xTitle, spec.unit, `${title}: data`)}
  </figure>`;
}

function totalN(points: readonly CurvePoint[]): number {
  return points.reduce((sum, p) => sum + p.n, 0);
}

/** The cache-hierarchy, thread-scaling and throughput-by-batch curves, when the run measured them. */
export function runCurves(run: Run): SafeHtml | null {
  const figures: SafeHtml[] = [];
  const latency = latencyCurve(run);
  if (latency.length > 0) {
    const unit = unitOf(run, 'latency-');
    const title = `Memory latency vs working set (${unit})`;
    figures.push(
      figure(
        'latency',
        title,
        `${unit} per dependent load, log scales; ${latency.length} sizes, ${totalN(latency)} samples; whiskers: 95 % CI of the median`,
        { label: title, unit, xTitle: 'working set', points: latency, logY: true },
      ),
    );
  }
  const scaling = scalingCurve(run);
  if (scaling.length > 0) {
    const unit = unitOf(run, 'gemm-');
    const title = `GEMM thread scaling (${unit})`;
    const hasSingle = scaling.some((p) => p.x === 1);
    figures.push(
      figure(
        'scaling',
        title,
        `${unit} by thread count; ${scaling.length} points, ${totalN(scaling)} samples; whiskers: 95 % CI of the median${hasSingle ? '; dashed: ideal linear scaling from 1 thread' : ''}`,
        {
          label: title,
          unit,
          xTitle: 'threads',
          points: scaling,
          logY: false,
          ...(hasSingle ? { reference: { label: 'ideal (1 thread × n)', values: scaling.map((p) => p.ideal) } } : {}),
        },
      ),
    );
  }
  // Inference throughput over batch sizes, as on the Benchmarks page: one figure per setting.
  for (const series of throughputByBatch(run)) {
    const title = `Throughput by batch: ${series.label} (items/s)`;
    figures.push(
      figure(
        'throughput-batch',
        title,
        `items/s = items per run × 1000 / ms; ${series.points.length} batch sizes, ${totalN(series.points)} samples; whiskers: 95 % CI of the median`,
        { label: title, unit: 'items/s', xTitle: 'batch', points: series.points, logY: false },
      ),
    );
  }
  return figures.length > 0 ? html`<div class="charts">${figures}</div>` : null;
}
