import type { LevelInfo, SettingsView } from '../../../shared/schemas/settings';
import type { Risk } from '../../../shared/schemas/tune';

/** The Recommendations risk filter: the risks the level in Settings suggests, every risk, or one. */
export type RiskFilter = Risk | 'all' | 'level';

/** What the level in force means (its risks among it), once the settings have loaded. */
export function levelInForce(view: SettingsView | null): LevelInfo | null {
  return view?.levels.find((info) => info.id === view.values.level) ?? null;
}

/**
 * The risks a filter lets through. 'level' follows the level in force (basic: safe; moderate: safe
 * and review; aggressive: all); before the settings have loaded it hides nothing, so findings never
 * flash out of view.
 */
export function allowedRisks(filter: RiskFilter, level: LevelInfo | null): readonly Risk[] | null {
  if (filter === 'all') return null;
  if (filter === 'level') return level ? level.risks : null;
  return [filter];
}

export function riskAllowed(risk: Risk, allowed: readonly Risk[] | null): boolean {
  return allowed === null || allowed.includes(risk);
}

/** "safe", "safe and review", "safe, review and risky". */
export function listRisks(risks: readonly Risk[]): string {
  if (risks.length <= 1) return risks.join('');
  return `${risks.slice(0, -1).join(', ')} and ${risks.at(-1)}`;
}
