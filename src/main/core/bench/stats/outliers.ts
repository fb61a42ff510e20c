import { medianAbsoluteDeviation, quantileSorted } from 'simple-statistics';
import type { Summary } from '../../../../shared/schemas/bench';
import { sortedCopy } from './quantiles';

/** hyperfine's threshold for the modified z-score (Iglewicz and Hoaglin). */
const MODIFIED_Z_LIMIT = 3.5;

/**
 * Flags outliers, never drops them: Tukey fences on the quartiles (1.5 IQR mild, 3 IQR severe)
 * and the modified z-score 0.6745·(x − median)/MAD used by hyperfine. Returns sample indices.
 */
export function findOutliers(samples: readonly number[]): Summary['outliers'] {
  const empty = { method: 'modified-z-score (MAD) and Tukey fences' as const, mild: [], severe: [], modifiedZ: [] };
  if (samples.length < 4) return empty;
  const sorted = sortedCopy(samples);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const median = quantileSorted(sorted, 0.5);
  const mad = medianAbsoluteDeviation(sorted);
  const mild: number[] = [];
  const severe: number[] = [];
  const modifiedZ: number[] = [];
  samples.forEach((value, index) => {
    const beyond = Math.max(q1 - value, value - q3);
    if (beyond > 3 * iqr) severe.push(index);
    else if (beyond > 1.5 * iqr) mild.push(index);
    if (mad > 0 && Math.abs((0.6745 * (value - median)) / mad) > MODIFIED_Z_LIMIT) modifiedZ.push(index);
  });
  return { ...empty, mild, severe, modifiedZ };
}
