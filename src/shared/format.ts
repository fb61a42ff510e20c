/** Human units for terminal output. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return 'unknown';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatMHz(mhz: number | null): string {
  if (mhz === null) return 'unknown';
  return mhz >= 1000 ? `${(mhz / 1000).toFixed(2)} GHz` : `${mhz} MHz`;
}

export function orDash(value: string | number | null | undefined, suffix = ''): string {
  return value === null || value === undefined || value === '' ? '–' : `${value}${suffix}`;
}

/**
 * A relative change with its sign: "+4.2 %", "−4.2 %" (a true minus sign), "0.0 %". `space` goes
 * before the % sign: a no-break space by default, so a page never wraps the figure from its unit.
 */
export function signedPercent(fraction: number, space = '\u00a0'): string {
  const text = `${Math.abs(fraction * 100).toFixed(1)}${space}%`;
  return fraction > 0 ? `+${text}` : fraction < 0 ? `−${text}` : text;
}

/** A measured figure to about three significant digits: 1234 → "1234", 12.345 → "12.35", 0.01234 → "0.0123". */
export function figureDigits(value: number): string {
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : value.toPrecision(3);
}
