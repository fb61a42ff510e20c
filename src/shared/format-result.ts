import { formatBytes } from './format';
import type { Summary } from './schemas/bench';

/** A value with its unit at a sensible precision (3 significant digits, no exponent). */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A measured value in its unit; byte counts in KiB/MiB/GiB. */
export function formatMeasure(value: number, unit: string): string {
  return unit === 'B' || unit === 'bytes' ? formatBytes(value) : formatValue(value, unit);
}

/** "12.3 GB/s ± 0.8 % (n=24)": the median, the CI half-width, the sample count. */
export function formatSummary(summary: Summary, unit: string): string {
  const spread =
    summary.relativeHalfWidth === null ? 'no CI (n<6)' : `± ${(summary.relativeHalfWidth * 100).toFixed(1)} %`;
  return `${formatValue(summary.median, unit)} ${spread} (n=${summary.n})`;
}

export function formatPercent(fraction: number, signed = true): string {
  const text = `${(fraction * 100).toFixed(1)} %`;
  return signed && fraction > 0 ? `+${text}` : text;
}
