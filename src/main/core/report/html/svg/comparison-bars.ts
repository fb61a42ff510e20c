import type { Direction, Verdict } from '../../../../../shared/schemas/bench';
import { formatPercent } from '../../../../../shared/format-result';
import { formatTick } from '../format';
import { html, type SafeHtml } from '../html';
import { linearScale, niceDomain, niceTicks, px } from './scale';

/** A side of one benchmark, normalised to the base median = 100. */
export interface NormalisedBar {
  value: number;
  /** 95 % CI of this side's median, normalised the same way; null when not known. */
  ci: readonly [number, number] | null;
  n: number;
}

export interface ComparisonBarRow {
  title: string;
  unit: string;
  direction: Direction;
  verdict: Verdict;
  change: number;
  base: NormalisedBar;
  head: NormalisedBar;
  /** Why the verdict is inconclusive (or what limited it); goes into the row's tooltip. */
  reason?: string;
  /** For another verdict vocabulary (a tuning change's better/worse): the note's word and the bar's class. */
  verdictText?: string;
  verdictClass?: string;
}

/** What the two sides are called: base/head for runs, before/after for a tuning change. */
export interface BarSideNames {
  base: string;
  head: string;
}

// Sized for the report's full width, so that 12-unit text lands near 12 px on screen.
const W = 1000;
const LABEL = 290;
const NOTE = 210;
const ROW = 34;
const BAR = 11;
const TOP = 24;
const BOTTOM = 30;

/** A bar's class: green and red only for a decided change; "inconclusive" is drawn hollow, never as either. */
export function verdictClass(verdict: Verdict): string {
  return `verdict-${verdict === 'no significant change' ? 'same' : verdict}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function bar(
  className: string,
  side: NormalisedBar,
  top: number,
  x: (v: number) => number,
  clamp: (v: number) => number,
): SafeHtml {
  const mid = px(top + BAR / 2);
  const whisker = side.ci
    ? html`<line
          class="whisker"
          x1="${px(x(clamp(side.ci[0])))}"
          x2="${px(x(clamp(side.ci[1])))}"
          y1="${mid}"
          y2="${mid}"
        /><line
          class="whisker"
          x1="${px(x(clamp(side.ci[0])))}"
          x2="${px(x(clamp(side.ci[0])))}"
          y1="${px(top + 1)}"
          y2="${px(top + BAR - 1)}"
        /><line
          class="whisker"
          x1="${px(x(clamp(side.ci[1])))}"
          x2="${px(x(clamp(side.ci[1])))}"
          y1="${px(top + 1)}"
          y2="${px(top + BAR - 1)}"
        />`
    : null;
  return html`<rect
      class="${className}"
      x="${px(x(0))}"
      y="${px(top)}"
      width="${px(Math.max(0.5, x(clamp(side.value)) - x(0)))}"
      height="${BAR}"
    />${whisker}`;
}

/**
 * Before/after bars per benchmark, each normalised to its base median = 100 % so GFLOP/s, ns and
 * seconds share one axis; whiskers are each median's 95 % CI on the same scale.
 */
export function comparisonBars(
  label: string,
  rows: readonly ComparisonBarRow[],
  names: BarSideNames = { base: 'base', head: 'head' },
): SafeHtml {
  const H = TOP + rows.length * ROW + BOTTOM;
  const extents = rows.flatMap((r) => [r.base.value, r.head.value, r.base.ci?.[1] ?? 0, r.head.ci?.[1] ?? 0]);
  // Cap the axis at 10× so one wild benchmark cannot squash every other bar to a sliver.
  const [, max] = niceDomain(0, Math.min(1000, Math.max(100, ...extents) * 1.04), 6);
  const ticks = niceTicks(0, max, 6);
  const clamp = (v: number) => Math.min(Math.max(v, 0), max);
  const x = linearScale([0, max], [LABEL, W - NOTE]);
  const axisBottom = H - BOTTOM;

  const grid = ticks.map(
    (t) =>
      html`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${TOP - 4}" y2="${axisBottom}" /><text
          class="tick"
          x="${px(x(t))}"
          y="${axisBottom + 14}"
          text-anchor="middle"
          >${formatTick(t)} %</text
        >`,
  );
  const body = rows.map((r, i) => {
    const top = TOP + i * ROW;
    const better = r.direction === 'higher-is-better' ? 'higher is better' : 'lower is better';
    const verdictWord = r.verdictText ?? r.verdict;
    const reason = r.reason ? `: ${r.reason}` : '';
    const tip = `${r.title} (${r.unit}, ${better}): ${names.base} 100 % (n=${r.base.n}), ${names.head} ${r.head.value.toFixed(1)} % (n=${r.head.n}), ${verdictWord}${reason}`;
    const verdict = r.verdictText ?? (r.verdict === 'no significant change' ? '~' : r.verdict);
    const headClass = r.verdictClass ?? verdictClass(r.verdict);
    return html`<g class="bar-row"
      ><title>${tip}</title
      ><text class="bar-label" x="${LABEL - 8}" y="${top + 12}" text-anchor="end">${truncate(r.title, 44)}</text
      ><text class="tick" x="${LABEL - 8}" y="${top + 25}" text-anchor="end"
        >${r.unit}, ${r.direction === 'higher-is-better' ? '↑' : '↓'} better</text
      >${bar('bar-base', r.base, top + 2, x, clamp)}${bar(`bar-head ${headClass}`, r.head, top + 2 + BAR + 2, x, clamp)}<text
        class="bar-note"
        x="${W - NOTE + 8}"
        y="${top + 18}"
        >${formatPercent(r.change)} ${verdict} · n ${r.base.n}/${r.head.n}</text
      ></g
    >`;
  });
  // The hollow bar needs a key, but only where one is drawn.
  const inconclusiveKey = rows.some((r) => !r.verdictClass && r.verdict === 'inconclusive')
    ? html`<rect class="bar-head verdict-inconclusive" x="380" y="-6" width="12" height="8" /><text x="396" y="2"
          >${names.head}, inconclusive</text
        >`
    : null;
  const legend = html`<g class="legend" transform="translate(${LABEL},10)"
    ><rect class="bar-base" x="0" y="-6" width="12" height="8" /><text x="16" y="2">${names.base} (= 100 %)</text
    ><rect class="bar-head verdict-same" x="130" y="-6" width="12" height="8" /><text x="146" y="2">${names.head}</text
    ><line class="whisker" x1="200" x2="218" y1="-2" y2="-2" /><text x="222" y="2">95 % CI of the median</text
    >${inconclusiveKey}</g
  >`;
  return html`<svg class="chart-svg bars" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
    <title>${label}</title>
    ${grid}
    <line class="reference" x1="${px(x(100))}" x2="${px(x(100))}" y1="${TOP - 4}" y2="${axisBottom}" />
    <line class="axis" x1="${LABEL}" x2="${W - NOTE}" y1="${axisBottom}" y2="${axisBottom}" />
    ${body}${legend}
  </svg>`;
}
