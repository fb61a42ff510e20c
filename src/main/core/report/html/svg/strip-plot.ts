import type { Summary } from '../../../../../shared/schemas/bench';
import { formatHalfWidth, formatNumber } from '../format';
import { html, type SafeHtml } from '../html';
import { linearScale, px } from './scale';

const WIDTH = 200;
const HEIGHT = 28;
/** Display only: the statistics in the table always use every sample. */
export const MAX_DOTS = 300;

/** Evenly spaced order statistics, so the thinned dots keep the shape of the distribution. */
export function thinSorted(sorted: readonly number[], max: number): number[] {
  if (sorted.length <= max) return [...sorted];
  if (max <= 1) return max === 1 ? [sorted[Math.floor(sorted.length / 2)]!] : [];
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (max - 1))]!);
}

/** Outliers are kept first (they are what the plot is for); ordinary samples fill the rest. */
export function displayDots(samples: readonly number[], summary: Summary): { inliers: number[]; outliers: number[] } {
  const outlierIndex = new Set([...summary.outliers.mild, ...summary.outliers.severe]);
  const outliers = samples.filter((_, i) => outlierIndex.has(i)).sort((a, b) => a - b);
  const inliers = samples.filter((_, i) => !outlierIndex.has(i)).sort((a, b) => a - b);
  const shownOutliers = thinSorted(outliers, Math.floor(MAX_DOTS / 3));
  return { outliers: shownOutliers, inliers: thinSorted(inliers, MAX_DOTS - shownOutliers.length) };
}

/**
 * Dots as zero-length round-capped path segments: one <path> per class instead of hundreds of
 * <circle> elements, which keeps a 10,000-sample report small.
 */
function dots(className: string, values: readonly number[], x: (v: number) => number, offset: number): SafeHtml {
  if (values.length === 0) return html``;
  const d = values.map((v, i) => `M${px(x(v))} ${px(HEIGHT / 2 + (((i + offset) % 5) - 2) * 2.4)}h0`).join('');
  return html`<path class="${className}" d="${d}" />`;
}

/** Every sample on one axis (min … max), the median as a bar and its 95 % CI as a band. */
export function stripPlot(samples: readonly number[], summary: Summary, unit: string): SafeHtml {
  const x = linearScale([summary.min, summary.max], [4, WIDTH - 4]);
  const [low, high] = summary.medianCi ?? [summary.median, summary.median];
  const { inliers, outliers } = displayDots(samples, summary);
  const shown = inliers.length + outliers.length;
  const outlierCount = new Set([...summary.outliers.mild, ...summary.outliers.severe]).size;
  const label =
    `${summary.n} samples from ${formatNumber(summary.min)} to ${formatNumber(summary.max)} ${unit}, ` +
    `median ${formatNumber(summary.median)} ${unit} ${formatHalfWidth(summary.relativeHalfWidth)}, ` +
    `${outlierCount} outliers` +
    (shown < summary.n ? ` (${shown} dots shown)` : '');
  return html`<svg
    class="strip"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    width="${WIDTH}"
    height="${HEIGHT}"
    role="img"
    aria-label="${label}"
  >
    <title>${label}</title>
    <rect
      class="strip-ci"
      x="${px(x(low))}"
      y="3"
      width="${px(Math.max(1.5, x(high) - x(low)))}"
      height="${HEIGHT - 6}"
    />
    ${dots('strip-dot', inliers, x, 0)}${dots('strip-outlier', outliers, x, 2)}
    <line class="strip-median" x1="${px(x(summary.median))}" x2="${px(x(summary.median))}" y1="1" y2="${HEIGHT - 1}" />
  </svg>`;
}
