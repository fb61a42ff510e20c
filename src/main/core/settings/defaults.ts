import os from 'node:os';
import type { Level } from '../../../shared/schemas/bench';
import type { LevelInfo, Settings } from '../../../shared/schemas/settings';
import type { Risk } from '../../../shared/schemas/tune';
import { planFor } from '../bench/sampling';

/**
 * Defaults: the sampling precision new users expect (±3 %), one core left to the UI for
 * non-measuring work, telemetry at 2 Hz, and the scan cache on disk only (what the CLI and the
 * app did before there were settings).
 */
export function defaultSettings(cpus: number = os.availableParallelism()): Settings {
  return {
    level: 'basic',
    maxWorkers: Math.max(1, cpus - 1),
    telemetryHz: 2,
    scanCacheMode: 'disk',
    theme: 'system',
  };
}

const LEVEL_TEXT: Record<Level, { title: string; risks: Risk[]; description: string }> = {
  basic: {
    title: 'Basic',
    risks: ['safe'],
    description: 'Quick answers: medians to ±3 %. Suggests only changes that do not alter behaviour.',
  },
  moderate: {
    title: 'Moderate',
    risks: ['safe', 'review'],
    description: 'Medians to ±1 %, longer budgets. Also suggests changes whose diff you should read first.',
  },
  aggressive: {
    title: 'Aggressive',
    risks: ['safe', 'review', 'risky'],
    description:
      'Medians to ±0.5 %, the longest budgets. Also suggests changes that can alter semantics (e.g. fast-math, target-cpu=native): verify them.',
  },
};

/** What each level means, from the same sampling plan the runner uses (so the page cannot drift from it). */
export function levelInfos(): LevelInfo[] {
  return (['basic', 'moderate', 'aggressive'] as const).map((id) => {
    const plan = planFor(id);
    return {
      id,
      ...LEVEL_TEXT[id],
      targetRelativeHalfWidth: plan.targetRelativeHalfWidth,
      warmupRuns: plan.warmupRuns,
      minSamples: plan.minSamples,
      maxSamples: plan.maxSamples,
      budgetMs: plan.budgetMs,
    };
  });
}

/** The tuning risks a level suggests (basic: safe; moderate: safe and review; aggressive: all). */
export function levelRisks(level: Level): Risk[] {
  return LEVEL_TEXT[level].risks;
}

/** The highest risk a level suggests: what `tune --auto` tries up to unless --risk says otherwise. */
export function highestRisk(level: Level): Risk {
  return LEVEL_TEXT[level].risks.at(-1) ?? 'safe';
}
