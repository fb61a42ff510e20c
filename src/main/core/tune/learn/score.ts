import type { Finding, TuningScore } from '../../../../shared/schemas/tune';

/** No single finding can cost more than this many points: one big miss is not a failing project. */
export const MAX_PENALTY = 15;

export const SCORE_FORMULA =
  `score = 100 − Σ min(${MAX_PENALTY}, 100 × P(improves) × expected effect) over the open project findings ` +
  '(workstation settings are not the project’s and do not count)';

/** The project tuning score: transparent, so a user can see which finding costs how many points. */
export function tuningScore(findings: readonly Finding[]): TuningScore {
  const parts = findings
    .filter((finding) => finding.rule.stack !== 'workstation')
    .map((finding) => ({
      findingId: finding.id,
      title: finding.rule.title,
      penalty: Math.min(MAX_PENALTY, 100 * finding.ranking.pImprove * finding.ranking.effect),
    }))
    .sort((a, b) => b.penalty - a.penalty);
  const total = parts.reduce((sum, part) => sum + part.penalty, 0);
  return { score: Math.max(0, Math.round(100 - total)), formula: SCORE_FORMULA, parts };
}
