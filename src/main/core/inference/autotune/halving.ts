/**
 * Successive halving (Jamieson & Talwalkar 2016): measure every candidate briefly, keep the better
 * half, double the measurement time of each survivor, repeat until one is left. Most of the budget
 * goes to the candidates that are still in the running, and the winner's figure comes from its
 * longest measurement. Pure: `evaluate` is injected, so the logic is tested on a known function.
 */

export interface HalvingEvaluation {
  round: number;
  key: string;
  budgetMs: number;
  /** Lower is better; null when the candidate failed or was disqualified. */
  score: number | null;
}

export interface HalvingOptions<C> {
  candidates: C[];
  key: (candidate: C) => string;
  /** Measures a candidate for `budgetMs`; lower is better, null drops it. */
  evaluate: (candidate: C, budgetMs: number, round: number) => Promise<number | null>;
  baseBudgetMs: number;
  /**
   * Measured in every round whatever its rank (the defaults), so the search sees it with the same
   * budget as the winner's last measurement (the tuner reports the gain from a later A/B instead:
   * the round that chose the winner flatters it).
   */
  baseline?: C;
  /** Asked before each round after the first: false stops with the ranking so far (budget spent). */
  canAfford?: (round: number, evaluations: number, budgetMs: number) => boolean;
}

export interface HalvingOutcome<C> {
  winner: C | null;
  /** The round whose ranking chose the winner (its last measurement). */
  finalRound: number;
  evaluations: HalvingEvaluation[];
  /** True when canAfford stopped the search before one candidate was left. */
  stoppedEarly: boolean;
}

export async function successiveHalving<C>(options: HalvingOptions<C>): Promise<HalvingOutcome<C>> {
  const { key, evaluate } = options;
  // The same configuration twice would only split its budget: keep the first.
  let pool = [...new Map(options.candidates.map((c) => [key(c), c] as const)).values()];
  const baselineKey = options.baseline ? key(options.baseline) : null;
  const evaluations: HalvingEvaluation[] = [];
  let budgetMs = options.baseBudgetMs;
  let winner: C | null = null;
  let stoppedEarly = false;
  for (let round = 0; ; round += 1) {
    const extra = options.baseline && !pool.some((c) => key(c) === baselineKey) ? [options.baseline] : [];
    const measured = [...pool, ...extra];
    if (round > 0 && options.canAfford && !options.canAfford(round, measured.length, budgetMs)) {
      stoppedEarly = true;
      return { winner, finalRound: round - 1, evaluations, stoppedEarly };
    }
    const scores = new Map<string, number | null>();
    for (const candidate of measured) {
      const score = await evaluate(candidate, budgetMs, round);
      scores.set(key(candidate), score);
      evaluations.push({ round, key: key(candidate), budgetMs, score });
    }
    // Failed candidates leave the race; the stable sort keeps the given order among equal scores.
    const ranked = pool
      .filter((c) => scores.get(key(c)) !== null)
      .sort((a, b) => scores.get(key(a))! - scores.get(key(b))!);
    winner = ranked[0] ?? null;
    // Halving two (or fewer) leaves the winner: its measurement in this round is its longest.
    if (ranked.length <= 2) return { winner, finalRound: round, evaluations, stoppedEarly };
    pool = ranked.slice(0, Math.ceil(ranked.length / 2));
    budgetMs *= 2;
  }
}

/** Rounds successive halving takes from n candidates to one: 8 → 4 → 2 → 1 is three rounds. */
export function roundsFor(count: number): number {
  return count <= 1 ? 1 : Math.ceil(Math.log2(count));
}

/**
 * Estimated wall time of a halving search: per round, each measured candidate (survivors plus the
 * baseline) costs its sampling budget plus a fixed overhead (process start, model load, first run).
 */
export function estimatedCostMs(count: number, baseBudgetMs: number, overheadMs: number): number {
  let total = 0;
  let survivors = count;
  for (let round = 0; round < roundsFor(count); round += 1) {
    total += (survivors + 1) * (overheadMs + baseBudgetMs * 2 ** round);
    survivors = Math.ceil(survivors / 2);
  }
  return total;
}

export interface HalvingPlan {
  /** Candidates in the first round, the defaults included. */
  count: number;
  baseBudgetMs: number;
  rounds: number;
  estimatedMs: number;
  /** False when even the smallest search (defaults + one) does not fit: it runs anyway, over budget. */
  fits: boolean;
}

/**
 * Sizes a search to a wall-time budget: as many first-round candidates as fit with the minimum
 * measurement each; when the whole space fits, the spare time lengthens every measurement instead.
 */
export function planHalving(spaceSize: number, budgetMs: number, overheadMs: number, minBudgetMs: number): HalvingPlan {
  const smallest = Math.min(2, spaceSize);
  let count = smallest;
  for (let n = spaceSize; n >= smallest; n -= 1) {
    if (estimatedCostMs(n, minBudgetMs, overheadMs) <= budgetMs) {
      count = n;
      break;
    }
  }
  let baseBudgetMs = minBudgetMs;
  if (count === spaceSize) {
    // The cost is linear in the base budget: solve for the largest that still fits.
    const fixed = estimatedCostMs(count, 0, overheadMs);
    const perMs = estimatedCostMs(count, 1, 0);
    baseBudgetMs = Math.max(minBudgetMs, Math.floor((budgetMs - fixed) / perMs));
  }
  const estimatedMs = estimatedCostMs(count, baseBudgetMs, overheadMs);
  return { count, baseBudgetMs, rounds: roundsFor(count), estimatedMs, fits: estimatedMs <= budgetMs };
}
