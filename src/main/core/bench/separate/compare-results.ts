import type { BenchmarkResult, Comparison, NoiseFloor } from '../../../../shared/schemas/bench';
import { compareSamples } from '../compare';
import { smallestMannWhitneyP } from '../stats/mann-whitney';
import { medianOf } from '../stats/quantiles';
import { MIN_RUNS_FOR_FLOOR } from './noise-floor';
import { DISTURBANCE_WARNING } from '../noise';

/** What is known about two separate runs beyond their samples. */
export interface SeparateRunsContext {
  /** Why the two runs are not like for like (another machine, other settings); empty when they are. */
  mismatches: string[];
  /** Decide anyway despite mismatches (the user asked for it); flags still make a comparison inconclusive. */
  force?: boolean;
  /** Between-run spread of this benchmark on this machine with these settings, when history gives one. */
  noiseFloor: NoiseFloor | null;
  /** How many earlier like-for-like runs history holds (to say how far from a floor it is). */
  historyRuns: number;
  alpha?: number;
  noiseThreshold?: number;
}

function disturbance(result: BenchmarkResult): string | null {
  return result.warnings.find((warning) => DISTURBANCE_WARNING.test(warning)) ?? null;
}

/**
 * "No significant change" claims that a change of consequence would have shown. Where the run-to-run noise is so
 * wide that a change of this size could hide in it, the honest verdict is inconclusive (the product's promise:
 * a 10 % slowdown is found, or the comparison says it cannot tell).
 */
const RESOLUTION = 0.1;

function unresolvable(ci: [number, number], byRounds: boolean, floor: NoiseFloor | null): string | null {
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  const halfWidth = (ci[1] - ci[0]) / 2;
  if (byRounds && halfWidth > RESOLUTION) {
    return `the change's 95 % CI over the rounds is ±${percent(halfWidth)} wide: a ${percent(RESOLUTION)} change could hide in it (more rounds narrow it)`;
  }
  if (floor && floor.relative > RESOLUTION) {
    return `this machine's run-to-run noise floor is ±${percent(floor.relative)} (from ${floor.runs} runs): a ${percent(RESOLUTION)} change could hide in it (more runs, or --rounds 5, narrow it)`;
  }
  return null;
}

function roundMedians(result: BenchmarkResult): number[] {
  return (result.rounds ?? []).map((round) => round.median);
}

/**
 * Compares one benchmark of two separate runs. Samples of one run share that run's machine state, so within-run
 * spread says nothing about run-to-run spread: the replicates are the runs' rounds (fresh workers, interleaved
 * across the suite) when both have enough of them, and otherwise the samples, judged against the noise floor
 * that earlier runs on this machine give. With neither, or with a disturbed run, another machine or other
 * settings, the verdict is "inconclusive" and the reason says why and what would decide it.
 */
export function compareSeparateResults(
  base: BenchmarkResult,
  head: BenchmarkResult,
  context: SeparateRunsContext,
): Comparison {
  const alpha = context.alpha ?? 0.05;
  const floor = context.noiseFloor;
  const threshold = Math.max(context.noiseThreshold ?? 0.02, floor?.relative ?? 0);
  const baseRounds = roundMedians(base);
  const headRounds = roundMedians(head);
  const roundsTestable =
    baseRounds.length >= 2 &&
    headRounds.length >= 2 &&
    smallestMannWhitneyP(baseRounds.length, headRounds.length) < alpha &&
    // A relative change needs a base above 0: CPU times at the clock's resolution can have round medians of 0.
    medianOf(baseRounds) > 0;

  const estimate = roundsTestable
    ? {
        ...compareSamples(baseRounds, headRounds, { direction: head.direction, alpha, noiseThreshold: threshold }),
        basis: 'rounds' as const,
        rounds: [baseRounds.length, headRounds.length] as [number, number],
      }
    : compareSamples(base.samples, head.samples, { direction: head.direction, alpha, noiseThreshold: threshold });

  const reasons: string[] = [];
  if (!context.force) reasons.push(...context.mismatches);
  const baseDisturbed = disturbance(base);
  const headDisturbed = disturbance(head);
  if (baseDisturbed) reasons.push(`the base run was disturbed (${baseDisturbed})`);
  if (headDisturbed) reasons.push(`the head run was disturbed (${headDisturbed})`);
  if (!roundsTestable && !floor) {
    const [b, h] = [Math.max(1, baseRounds.length), Math.max(1, headRounds.length)];
    const rounds =
      b >= 2 && h >= 2
        ? `${b} vs ${h} rounds cannot reach p < ${alpha} (at least 4 per run can)`
        : b === 1 && h === 1
          ? 'one round per run'
          : `${b} vs ${h} rounds (both runs need at least 4)`;
    reasons.push(
      `${rounds} and no noise floor for this benchmark on this machine yet (${context.historyRuns} of ${MIN_RUNS_FOR_FLOOR} earlier runs with the same settings): repeat the run, or run both with --rounds 5`,
    );
  }
  if (estimate.verdict === 'inconclusive' && estimate.reason) reasons.push(estimate.reason);
  if (reasons.length === 0 && estimate.verdict === 'no significant change') {
    const blur = unresolvable(estimate.ci, roundsTestable, floor);
    if (blur) reasons.push(blur);
  }

  const comparison: Comparison = { ...estimate, noiseThreshold: threshold, noiseFloor: floor };
  delete comparison.reason;
  if (reasons.length === 0) return comparison;
  return { ...comparison, verdict: 'inconclusive', reason: reasons.join('; ') };
}
