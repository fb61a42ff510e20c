/**
 * nvidia-smi values come with units and placeholders: "24576 MiB", "350.00 W", "16x",
 * "[N/A]", "N/A", "[Not Supported]", "[Unknown Error]". Anything not a number is null.
 */
export function smiNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(-?\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : null;
}

export function smiText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]?$/i.test(trimmed)) {
    return null;
  }
  return trimmed;
}
