import type { CurvePoint } from '../../../../../shared/curves';
import { formatNumber, formatTick } from '../format';
import { html, type SafeHtml } from '../html';
import { linearScale, logScale, logTicks, niceDomain, niceTicks, px } from './scale';

export interface CurveChartSpec {
  /** Accessible name; also the SVG's <title>. */
  label: string;
  unit: string;
  xTitle: string;
  points: readonly CurvePoint[];
  /** x values are already on the axis's scale (log2 bytes for latency), so x stays linear. */
  logY: boolean;
  reference?: { label: string; values: readonly number[] };
}

// Sized for half the report's width, so that 12-unit text lands near 12 px on screen.
const W = 560;
const H = 280;
const M = { left: 58, right: 14, top: 30, bottom: 44 };
/** Rough width of a legend label, to place the next one after it without measuring text. */
const CHAR_WIDTH = 6.4;

function yScaleFor(spec: CurveChartSpec) {
  const values = [...spec.points.flatMap((p) => [p.low, p.high, p.median]), ...(spec.reference?.values ?? [])];
  const range: [number, number] = [H - M.bottom, M.top];
  if (spec.logY) {
    const positive = values.filter((v) => v > 0);
    const min = Math.min(...positive) / 1.25;
    const max = Math.max(...positive) * 1.25;
    return { y: logScale([min, max], range), ticks: logTicks(min, max), clamp: (v: number) => Math.max(v, min) };
  }
  const [low, high] = niceDomain(0, Math.max(...values) * 1.05);
  return { y: linearScale([low, high], range), ticks: niceTicks(low, high), clamp: (v: number) => v };
}

function polyline(className: string, coords: ReadonlyArray<readonly [number, number]>): SafeHtml {
  const points = coords.map(([cx, cy]) => `${px(cx)},${px(cy)}`).join(' ');
  return html`<polyline class="${className}" points="${points}" />`;
}

/**
 * A measured curve as an SVG string: medians joined by a line, each with its 95 % CI as a whisker,
 * optionally against a reference (ideal scaling). The x axis is labelled at the measured points.
 */
export function curveChart(spec: CurveChartSpec): SafeHtml {
  const xs = spec.points.map((p) => p.x);
  const pad = xs.length > 1 ? 0 : 1;
  const x = linearScale([Math.min(...xs) - pad, Math.max(...xs) + pad], [M.left + 14, W - M.right - 14]);
  const { y, ticks, clamp } = yScaleFor(spec);
  const yAt = (v: number) => y(clamp(v));

  const grid = ticks.map(
    (t) =>
      html`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${px(yAt(t))}" y2="${px(yAt(t))}" /><text
          class="tick"
          x="${M.left - 6}"
          y="${px(yAt(t) + 4)}"
          text-anchor="end"
          >${formatTick(t)}</text
        >`,
  );
  // A full preset measures up to ~20 sizes: label every k-th so the labels never overlap.
  const every = Math.ceil(spec.points.length / 8);
  const xLabels = spec.points.map(
    (p, i) =>
      html`<line class="axis" x1="${px(x(p.x))}" x2="${px(x(p.x))}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" />${
          i % every === 0
            ? html`<text class="tick" x="${px(x(p.x))}" y="${H - M.bottom + 16}" text-anchor="middle">${p.label}</text>`
            : null
        }`,
  );
  const reference = spec.reference
    ? polyline(
        'reference',
        spec.points.map((p, i) => [x(p.x), yAt(spec.reference!.values[i] ?? p.median)] as const),
      )
    : null;
  const marks = spec.points.map((p) => {
    const cx = px(x(p.x));
    const tip = `${p.label} ${spec.xTitle}: median ${formatNumber(p.median)} ${spec.unit}, 95 % CI ${formatNumber(p.low)}–${formatNumber(p.high)}, n=${p.n}`;
    return html`<g class="point"
      ><title>${tip}</title
      ><line class="whisker" x1="${cx}" x2="${cx}" y1="${px(yAt(p.low))}" y2="${px(yAt(p.high))}" /><line
        class="whisker"
        x1="${px(x(p.x) - 4)}"
        x2="${px(x(p.x) + 4)}"
        y1="${px(yAt(p.low))}"
        y2="${px(yAt(p.low))}" /><line
        class="whisker"
        x1="${px(x(p.x) - 4)}"
        x2="${px(x(p.x) + 4)}"
        y1="${px(yAt(p.high))}"
        y2="${px(yAt(p.high))}" /><circle class="dot" cx="${cx}" cy="${px(yAt(p.median))}" r="3.5"
    /></g>`;
  });
  const seriesLabel = 'median, 95 % CI whiskers';
  const second = 22 + seriesLabel.length * CHAR_WIDTH + 18;
  const legend = html`<g class="legend" transform="translate(${M.left},12)"
    ><line class="series" x1="0" x2="18" y1="0" y2="0" /><text x="22" y="4">${seriesLabel}</text>${
      spec.reference
        ? html`<line class="reference" x1="${px(second)}" x2="${px(second + 18)}" y1="0" y2="0" /><text
              x="${px(second + 22)}"
              y="4"
              >${spec.reference.label}</text
            >`
        : null
    }</g
  >`;
  const yTitle = html`<text
    class="axis-title"
    transform="translate(14,${px((M.top + H - M.bottom) / 2)}) rotate(-90)"
    text-anchor="middle"
    >${spec.unit}${spec.logY ? ' (log)' : ''}</text
  >`;
  const xTitle = html`<text class="axis-title" x="${px((M.left + W - M.right) / 2)}" y="${H - 6}" text-anchor="middle"
    >${spec.xTitle}</text
  >`;

  return html`<svg class="chart-svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${spec.label}">
    <title>${spec.label}</title>
    ${grid}
    <line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" />
    <line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" />
    ${xLabels}${reference}${polyline(
      'series',
      spec.points.map((p) => [x(p.x), yAt(p.median)] as const),
    )}${marks}${legend}${yTitle}${xTitle}
  </svg>`;
}
