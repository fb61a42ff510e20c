import { jStat } from 'jstat';
import type { Effort, Ranking, RuleInfo } from '../../../../shared/schemas/tune';
import type { OutcomeStat } from '../../store/tune-outcomes';

/**
 * How many observed outcomes the rule's prior is worth. Small on purpose: after a handful of real
 * verdicts on the user's projects, what was measured outweighs what the rule's author guessed.
 */
export const PRIOR_STRENGTH = 4;

/** Effort as a divisor: a one-line change beats a refactor with the same expected gain. */
export const EFFORT_WEIGHT: Record<Effort, number> = { low: 1, medium: 2, high: 4 };

/**
 * Expected gain = P(improves) × expected effect ÷ effort, where P(improves) is the mean of a
 * Beta posterior seeded by the rule's prior (Beta(p·k, (1−p)·k)) and updated with the recorded
 * outcomes for this rule and stack, and the effect is the prior effect shrunk towards the mean
 * of the gains measured when it did improve.
 */
export function rankRule(rule: Pick<RuleInfo, 'prior' | 'effort'>, stat: OutcomeStat | undefined): Ranking {
  const alpha = rule.prior.pImprove * PRIOR_STRENGTH + (stat?.improved ?? 0);
  const beta = (1 - rule.prior.pImprove) * PRIOR_STRENGTH + (stat?.notImproved ?? 0);
  const pImprove = alpha / (alpha + beta);
  const effect = (rule.prior.effect * PRIOR_STRENGTH + (stat?.gainSum ?? 0)) / (PRIOR_STRENGTH + (stat?.improved ?? 0));
  return {
    pImprove,
    effect,
    expectedGain: (pImprove * effect) / EFFORT_WEIGHT[rule.effort],
    pLow: jStat.beta.inv(0.05, alpha, beta),
    pHigh: jStat.beta.inv(0.95, alpha, beta),
    outcomes: (stat?.improved ?? 0) + (stat?.notImproved ?? 0),
    projects: stat?.projects ?? 0,
  };
}
