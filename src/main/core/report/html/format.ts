import { formatPercent } from '../../../../shared/format-result';

/**
 * Three significant digits without exponent for the usual range: enough to read a benchmark
 * figure, and tiny values (seconds of a fast command) do not collapse to "0.000".
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return value.toFixed(0);
  if (abs < 1e-6) return value.toExponential(2);
  return value.toPrecision(3);
}

/** Axis labels: round numbers without trailing zeros ("10", not "10.0"). */
export function formatTick(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export function withUnit(value: number, unit: string): string {
  return `${formatNumber(value)} ${unit}`;
}

/** The CI half-width of the median as "± 1.2 %"; below 6 samples there is no CI to show. */
export function formatHalfWidth(relativeHalfWidth: number | null): string {
  return relativeHalfWidth === null ? 'no CI (n<6)' : `± ${(relativeHalfWidth * 100).toFixed(1)} %`;
}

/** "+3.1 % [−0.4 %, +6.9 %]": a relative change with its confidence interval. */
export function formatChange(change: number, ci: readonly [number, number]): string {
  return `${formatPercent(change)} [${formatPercent(ci[0])}, ${formatPercent(ci[1])}]`;
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
}

/** ISO timestamp as "2026-11-22 02:17 UTC": the same text whatever the reader's locale. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(startIso: string, endIso: string | null): string | null {
  if (endIso === null) return null;
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** A geometric mean of time-like ratios as the change in time it stands for. */
export function formatGeomean(ratio: number | null): string {
  if (ratio === null) return 'no common benchmarks';
  const word = ratio < 1 ? 'less time' : ratio > 1 ? 'more time' : 'same time';
  return `×${ratio.toFixed(3)} (${formatPercent(ratio - 1)} ${word})`;
}
