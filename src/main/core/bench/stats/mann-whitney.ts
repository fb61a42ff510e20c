import { errorFunction } from 'simple-statistics';

/**
 * Mann–Whitney U test, two-sided. No maintained npm package offers its p-value (simple-statistics
 * has the rank sum only), so the distribution is computed here: exact (by counting, as R and SciPy
 * do) for small samples without ties, otherwise the normal approximation with tie and continuity
 * corrections. simple-statistics supplies erf.
 */
export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting ½. */
  u1: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

const EXACT_LIMIT = 50;

/** Midranks of the pooled sample (ties share the mean rank), and the tie-correction term Σ(t³ − t). */
function rank(pooled: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = pooled.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(pooled.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j += 1;
    const midrank = (i + j + 2) / 2;
    for (let k = i; k <= j; k += 1) ranks[order[k]!.index] = midrank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/** Number of ways to reach each U with samples of sizes m and n (no ties): f(u; m, n). */
function exactUCounts(m: number, n: number): number[] {
  // Recurrence f(u; m, n) = f(u − n; m − 1, n) + f(u; m, n − 1), built up table by table.
  let table: number[][] = Array.from({ length: n + 1 }, () => [1]); // m = 0: only U = 0
  for (let i = 1; i <= m; i += 1) {
    const next: number[][] = [];
    for (let j = 0; j <= n; j += 1) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      for (let u = 0; u < size; u += 1) {
        const withoutLargestX = u - j >= 0 ? (table[j]![u - j] ?? 0) : 0;
        const withoutLargestY = j > 0 ? (next[j - 1]![u] ?? 0) : 0;
        row[u] = withoutLargestX + withoutLargestY;
      }
      next.push(row);
    }
    table = next;
  }
  return table[n]!;
}

function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  method: 'auto' | 'exact' | 'asymptotic' = 'auto',
): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('Mann–Whitney U needs two non-empty samples');
  const { ranks, tieTerm } = rank([...x, ...y]);
  const rankSumX = ranks.slice(0, m).reduce((sum, r) => sum + r, 0);
  const u1 = rankSumX - (m * (m + 1)) / 2;
  const meanU = (m * n) / 2;

  const exactPossible = tieTerm === 0 && m <= EXACT_LIMIT && n <= EXACT_LIMIT;
  if (method === 'exact' && !exactPossible) throw new RangeError('the exact test needs ≤ 50 samples each and no ties');
  if (method !== 'asymptotic' && exactPossible) {
    const counts = exactUCounts(m, n);
    const total = counts.reduce((sum, c) => sum + c, 0);
    const extreme = Math.max(u1, m * n - u1);
    let upper = 0;
    for (let u = Math.ceil(extreme); u <= m * n; u += 1) upper += counts[u]!;
    return { u1, pValue: Math.min(1, (2 * upper) / total), method: 'exact' };
  }

  const N = m + n;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (variance <= 0) return { u1, pValue: 1, method: 'asymptotic' };
  const z = (Math.abs(u1 - meanU) - 0.5) / Math.sqrt(variance);
  return { u1, pValue: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))), method: 'asymptotic' };
}

/**
 * The smallest two-sided p the exact test can give for sizes m and n: both sides completely separated,
 * 2 / C(m + n, m). At 3 vs 3 it is 0.1, so no such comparison can ever be significant at α = 0.05.
 */
export function smallestMannWhitneyP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  let combinations = 1;
  for (let i = 1; i <= Math.min(m, n); i += 1) {
    combinations = (combinations * (m + n - Math.min(m, n) + i)) / i;
    if (combinations > 1e12) return 0;
  }
  return Math.min(1, 2 / combinations);
}
