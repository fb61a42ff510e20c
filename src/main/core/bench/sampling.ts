import { LEVEL_TARGET_HALF_WIDTH, type Level, type SamplingPlan } from '../../../shared/schemas/bench';
import { MIN_SAMPLES_FOR_CI, medianCiRanks, relativeHalfWidthOf } from './stats/median-ci';
import { summarize } from './stats/summary';

export type StopReason = 'precision-reached' | 'max-samples' | 'time-budget';

/** The stopping rule, fixed before the run (never "re-run until significant"). */
export function planFor(level: Level, overrides: Partial<SamplingPlan> = {}): SamplingPlan {
  const plan: SamplingPlan = {
    warmupRuns: 3,
    minSamples: 10,
    maxSamples: level === 'basic' ? 200 : level === 'moderate' ? 500 : 1000,
    budgetMs: level === 'basic' ? 3_000 : level === 'moderate' ? 10_000 : 30_000,
    targetRelativeHalfWidth: LEVEL_TARGET_HALF_WIDTH[level],
    ...overrides,
  };
  if (plan.minSamples < MIN_SAMPLES_FOR_CI) {
    throw new RangeError(
      `minSamples must be at least ${MIN_SAMPLES_FOR_CI} (the smallest n with a 95 % CI of the median)`,
    );
  }
  if (plan.maxSamples < plan.minSamples) throw new RangeError('maxSamples must be ≥ minSamples');
  return plan;
}

const ranksByCount = new Map<number, [number, number] | null>();

/**
 * The relative half-width of the median's 95 % CI, computed for the stopping rule after every
 * iteration: a typed-array sort and cached CI ranks, without the rest of the summary, so the
 * check costs microseconds even at a thousand samples.
 */
export function relativeHalfWidth(samples: readonly number[]): number | null {
  const n = samples.length;
  if (!ranksByCount.has(n)) ranksByCount.set(n, medianCiRanks(n));
  const ranks = ranksByCount.get(n)!;
  if (!ranks) return null;
  const sorted = Float64Array.from(samples).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return relativeHalfWidthOf([sorted[ranks[0]]!, sorted[ranks[1]]!], median);
}

/**
 * Whether to stop after the samples so far: at the precision target once the minimum count is
 * reached, at the maximum count, or when the time budget is spent (checked in that order of
 * preference). Null means take another sample.
 */
export function stopReason(samples: readonly number[], plan: SamplingPlan, elapsedMs: number): StopReason | null {
  if (samples.length >= plan.minSamples) {
    const width = relativeHalfWidth(samples);
    if (width !== null && width <= plan.targetRelativeHalfWidth) return 'precision-reached';
  }
  if (samples.length >= plan.maxSamples) return 'max-samples';
  if (elapsedMs >= plan.budgetMs) return 'time-budget';
  return null;
}

/** Warnings owed to the reader when the stopping rule did not get what the plan asked for. */
export function samplingWarnings(samples: readonly number[], plan: SamplingPlan, reason: StopReason): string[] {
  const warnings: string[] = [];
  if (samples.length < plan.minSamples) {
    warnings.push(
      `time budget of ${plan.budgetMs} ms too small: ${samples.length} of the minimum ${plan.minSamples} samples; the result is not trustworthy`,
    );
    return warnings;
  }
  const width = summarize(samples).relativeHalfWidth;
  if (reason !== 'precision-reached' && (width === null || width > plan.targetRelativeHalfWidth)) {
    warnings.push(
      `precision target ±${(plan.targetRelativeHalfWidth * 100).toFixed(1)} % not reached (${width === null ? 'no CI' : `±${(width * 100).toFixed(1)} %`} after ${samples.length} samples, stopped at the ${reason === 'max-samples' ? 'maximum sample count' : 'time budget'})`,
    );
  }
  return warnings;
}
