/**
 * Rows thinned for drawing, never for statistics: at most about `maxPoints`, one per time bucket.
 * Buckets are aligned to the clock, so as a live window slides the same samples stay together and
 * the line does not shimmer; each series takes its bucket's maximum, so a spike stays visible.
 */
export function thinForDisplay<Row extends { t: number }>(
  rows: Row[],
  keys: readonly string[],
  maxPoints: number,
): Row[] {
  if (rows.length <= maxPoints || rows.length < 2) return rows;
  const span = rows[rows.length - 1]!.t - rows[0]!.t;
  // Whole tenths of a second: a bucket width that changes only when the window's span does.
  const bucketMs = Math.max(100, Math.ceil(span / maxPoints / 100) * 100);
  const out: Array<Record<string, number>> = [];
  let bucket = Number.NaN;
  for (const row of rows as unknown as Array<Record<string, number>>) {
    const index = Math.floor(row.t! / bucketMs);
    const current = out[out.length - 1];
    if (index !== bucket || !current) {
      out.push({ ...row });
      bucket = index;
      continue;
    }
    for (const key of keys) {
      const value = row[key];
      if (typeof value === 'number' && !(value <= current[key]!)) current[key] = value;
    }
  }
  return out as unknown as Row[];
}
