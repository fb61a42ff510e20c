import { formatNumber, formatTick } from '../format';
import { html, type SafeHtml } from '../html';
import { linearScale, niceDomain, niceTicks, px } from './scale';

export interface TimeSeriesLine {
  label: string;
  /** Colour class (ts-cpu, ts-memory, ts-gpu, ts-power); ts-alt dashes a second line of a kind. */
  className: string;
  /** One value per time; null where it was not measured (the line breaks there). */
  values: ReadonlyArray<number | null>;
}

export interface TimeSeriesSpec {
  /** Accessible name; also the SVG's <title>. */
  label: string;
  unit: string;
  /** Seconds since the run started, ascending. */
  times: readonly number[];
  lines: readonly TimeSeriesLine[];
  /** A fixed top of the y axis (100 for percentages); otherwise a round number above the data. */
  yMax?: number;
}

// Sized for the report's full width, so that 12-unit text lands near 12 px on screen.
const W = 1000;
const H = 230;
const M = { left: 58, right: 16, top: 30, bottom: 40 };
/** Rough width of a legend label, to place the next one after it without measuring text. */
const CHAR_WIDTH = 6.4;

/** One <path> per line; a null starts a new segment, so a gap in the data stays a gap. */
function linePath(
  line: TimeSeriesLine,
  times: readonly number[],
  x: (v: number) => number,
  y: (v: number) => number,
): SafeHtml | null {
  let d = '';
  let pen = false;
  line.values.forEach((value, i) => {
    if (value === null || value === undefined) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${px(x(times[i]!))} ${px(y(value))}`;
    pen = true;
  });
  if (!d) return null;
  return html`<path class="ts-line ${line.className}" d="${d}"><title>${line.label}</title></path>`;
}

/** Telemetry over a run as lines against time, with a legend; the caller adds the numbers as text. */
export function timeSeriesChart(spec: TimeSeriesSpec): SafeHtml {
  // From the run's start (0 s), so the first sample's delay after it shows.
  const t0 = Math.min(0, ...spec.times);
  const t1 = Math.max(...spec.times);
  const x = linearScale(t1 > t0 ? [t0, t1] : [t0 - 1, t0 + 1], [M.left, W - M.right]);
  const values = spec.lines.flatMap((line) => line.values.filter((v): v is number => v !== null));
  const top = spec.yMax ?? niceDomain(0, Math.max(1, ...values) * 1.05)[1];
  const y = linearScale([0, top], [H - M.bottom, M.top]);
  const clampY = (v: number) => y(Math.min(Math.max(v, 0), top));

  const yTicks = niceTicks(0, top, 4).map(
    (t) =>
      html`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${px(y(t))}" y2="${px(y(t))}" /><text
          class="tick"
          x="${M.left - 6}"
          y="${px(y(t) + 4)}"
          text-anchor="end"
          >${formatTick(t)}</text
        >`,
  );
  const xTicks = (t1 > t0 ? niceTicks(t0, t1, 8) : [t0]).map(
    (t) =>
      html`<line class="axis" x1="${px(x(t))}" x2="${px(x(t))}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" /><text
          class="tick"
          x="${px(x(t))}"
          y="${H - M.bottom + 16}"
          text-anchor="middle"
          >${formatTick(t)} s</text
        >`,
  );
  let offset = 0;
  const legend = spec.lines.map((line) => {
    const at = offset;
    offset += 22 + line.label.length * CHAR_WIDTH + 18;
    return html`<line class="ts-line ${line.className}" x1="${px(at)}" x2="${px(at + 18)}" y1="0" y2="0" /><text
        x="${px(at + 22)}"
        y="4"
        >${line.label}</text
      >`;
  });
  const yTitle = html`<text
    class="axis-title"
    transform="translate(14,${px((M.top + H - M.bottom) / 2)}) rotate(-90)"
    text-anchor="middle"
    >${spec.unit}</text
  >`;
  return html`<svg class="chart-svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${spec.label}">
    <title>${spec.label}</title>
    ${yTicks}
    <line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" />
    <line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" />
    ${xTicks}${spec.lines.map((line) => linePath(line, spec.times, x, clampY))}
    <g class="legend" transform="translate(${M.left},12)">${legend}</g>
    ${yTitle}
    <text class="axis-title" x="${px((M.left + W - M.right) / 2)}" y="${H - 6}" text-anchor="middle">
      seconds since the run started
    </text>
  </svg>`;
}

/** min / mean / max of a line, for the text alternative next to the chart. */
export function lineStats(line: TimeSeriesLine): { min: string; mean: string; max: string } | null {
  const known = line.values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return {
    min: formatNumber(Math.min(...known)),
    mean: formatNumber(mean),
    max: formatNumber(Math.max(...known)),
  };
}
