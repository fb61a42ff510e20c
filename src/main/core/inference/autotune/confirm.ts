import type { Confirmation } from './gain';
import { planHalving, type HalvingPlan } from './halving';
import { disqualified, pooledMeasurement, type EvaluationOutcome } from './measure';
import { itemsPerRun } from './space';
import type { Candidate, SampledMeasurement } from './types';

/**
 * Rounds of the confirmation A/B per side. The inference suite has no interleaved group of two
 * sessions (two sessions in one process would also share its thread pools), so each side runs in
 * fresh workers, in the order W D, D W: a drift of the machine that is linear in time falls on both
 * sides alike (positions 1 + 4 against 2 + 3), and each round costs two worker starts and model
 * loads, which is why there are not more of them.
 */
export const CONFIRMATION_ROUNDS = 2;

export interface ConfirmationPlan {
  rounds: number;
  budgetMsPerRound: number;
  estimatedMs: number;
}

/**
 * Each side gets the sampling time the winner had in its last (longest) round of the search, split
 * over the rounds, so the confirmation is about as precise as the measurement that chose the winner.
 */
export function confirmationPlan(lastBudgetMs: number, overheadMs: number): ConfirmationPlan {
  const rounds = CONFIRMATION_ROUNDS;
  const budgetMsPerRound = Math.max(1, Math.round(lastBudgetMs / rounds));
  return { rounds, budgetMsPerRound, estimatedMs: 2 * rounds * (overheadMs + budgetMsPerRound) };
}

/** The sampling budget of a halving plan's last round. */
function lastRoundBudget(plan: HalvingPlan): number {
  return plan.baseBudgetMs * 2 ** (plan.rounds - 1);
}

/**
 * Splits an objective's share of the budget between the search and the confirmation after it: the
 * confirmation's cost depends on the search's last budget, so the search is planned twice, the
 * second time without what the first plan's confirmation would take (never more than the first).
 */
export function planWithConfirmation(
  spaceSize: number,
  shareMs: number,
  overheadMs: number,
  minBudgetMs: number,
): { search: HalvingPlan; confirmation: ConfirmationPlan } {
  const first = planHalving(spaceSize, shareMs, overheadMs, minBudgetMs);
  const reserve = confirmationPlan(lastRoundBudget(first), overheadMs).estimatedMs;
  const search = planHalving(spaceSize, Math.max(0, shareMs - reserve), overheadMs, minBudgetMs);
  return { search, confirmation: confirmationPlan(lastRoundBudget(search), overheadMs) };
}

export interface ConfirmOptions {
  winner: Candidate;
  defaults: Candidate;
  plan: Pick<ConfirmationPlan, 'rounds' | 'budgetMsPerRound'>;
  /** One fresh measurement; `round` is 1-based. Throws to cancel (the error is not caught here). */
  measure: (candidate: Candidate, budgetMs: number, round: number) => Promise<EvaluationOutcome>;
  /** After each measurement: the round (1-based) and which side was measured. */
  onMeasured?: (round: number, side: 'winner' | 'defaults') => void;
}

/**
 * The confirmation A/B: the winner and the defaults measured afresh, alternately, with samples
 * pooled per side. A side that fails or whose outputs disagree ends it with the reason.
 */
export async function confirmWinner(options: ConfirmOptions): Promise<Confirmation> {
  const { winner, defaults, plan } = options;
  const parts: Record<'winner' | 'defaults', SampledMeasurement[]> = { winner: [], defaults: [] };
  for (let round = 1; round <= plan.rounds; round += 1) {
    const order: Array<'winner' | 'defaults'> = round % 2 === 1 ? ['winner', 'defaults'] : ['defaults', 'winner'];
    for (const side of order) {
      const outcome = await options.measure(side === 'winner' ? winner : defaults, plan.budgetMsPerRound, round);
      options.onMeasured?.(round, side);
      const failed = (problem: string): Confirmation => ({
        error: `${side} in round ${round} of ${plan.rounds}: ${problem}`,
      });
      if (outcome.error !== null) return failed(outcome.error);
      const problem = disqualified(outcome.measurement);
      if (problem !== null) return failed(problem);
      parts[side].push(outcome.measurement);
    }
  }
  return {
    best: { measurement: pooledMeasurement(parts.winner, itemsPerRun(winner)), items: itemsPerRun(winner) },
    defaults: { measurement: pooledMeasurement(parts.defaults, itemsPerRun(defaults)), items: itemsPerRun(defaults) },
    rounds: plan.rounds,
    budgetMsPerRound: plan.budgetMsPerRound,
    error: null,
  };
}
