import { quantileSorted } from 'simple-statistics';

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  return quantileSorted(sortedCopy(values), 0.5);
}
