import type { Verification } from '../../../../shared/schemas/tune';
import type { TuneOutcomeRepository } from '../../store/tune-outcomes';

/** The warning an inconclusive verification carries instead of an outcome. */
export const NOT_RECORDED_INCONCLUSIVE = 'not recorded for learning: inconclusive';

/**
 * What one verification teaches the ranking: whether the change improved the project, and the mean
 * gain of the metrics that got better (an inconclusive metric adds nothing to it). Null when it
 * teaches nothing: nothing was measured and nothing broke, or the measurement could not decide —
 * counted as "did not improve", an untestable comparison would push down a rule it never tested.
 */
export function learningOutcome(verification: Verification): { improved: boolean; gain: number } | null {
  if (verification.overall === 'inconclusive') return null;
  if (verification.metrics.length === 0 && !verification.overall.startsWith('broke-')) return null;
  const better = verification.metrics.filter((m) => m.verdict === 'better');
  return {
    improved: verification.overall === 'improved',
    gain: better.length > 0 ? better.reduce((sum, m) => sum - m.change, 0) / better.length : 0,
  };
}

/**
 * Records the verification's outcome for (rule, stack, project). An inconclusive one records none
 * and says so in its warnings, so the reader knows the ranking did not move; the verification is
 * returned with that warning added.
 */
export function recordOutcome(
  outcomes: TuneOutcomeRepository,
  key: { ruleId: string; stack: string; project: string },
  verification: Verification,
): Verification {
  const outcome = learningOutcome(verification);
  if (outcome) outcomes.record({ ...key, ...outcome });
  if (verification.overall !== 'inconclusive') return verification;
  const reasons = verification.metrics
    .filter((m) => m.verdict === 'inconclusive')
    .map((m) => `${m.title}: ${m.reason ?? 'cannot be decided'}`);
  const warning =
    reasons.length > 0 ? `${NOT_RECORDED_INCONCLUSIVE} (${reasons.join('; ')})` : NOT_RECORDED_INCONCLUSIVE;
  return { ...verification, warnings: [...verification.warnings, warning] };
}
