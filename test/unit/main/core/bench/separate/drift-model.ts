import { mergeRounds } from '../../../../../../src/main/core/bench/rounds';
import { seededRandom } from '../../../../../../src/main/core/bench/stats/random';
import type { BenchmarkResult } from '../../../../../../src/shared/schemas/bench';
import { latencyResult } from '../../../../../helpers/benchmark-result';

/**
 * A seeded model of what separate runs see: every worker process (a round; a single-round run has one) lands at
 * its own level, log-normally spread by `between`, and its samples scatter around that level by `within`. On a
 * real machine between ≫ within (placement, frequency, caches, neighbours), so a test over samples sees a
 * "change" in almost every A/A pair.
 */
export interface DriftModel {
  between: number;
  within: number;
  samplesPerRound: number;
}

export function driftSource(seed: number) {
  const random = seededRandom(seed);
  const normal = () => {
    // Box–Muller: enough for a test model.
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const round = (model: DriftModel, centre: number, id: string): BenchmarkResult => {
    const level = centre * Math.exp(model.between * normal());
    const samples = Array.from({ length: model.samplesPerRound }, () => level * Math.exp(model.within * normal()));
    return latencyResult(id, {}, samples);
  };
  return {
    /** One run of k rounds of a 10 ms benchmark scaled by `factor` (1.1: a 10 % slowdown). */
    run(model: DriftModel, rounds: number, factor = 1, id = 'bench'): BenchmarkResult {
      const parts = Array.from({ length: rounds }, () => round(model, 10 * factor, id));
      return rounds === 1 ? parts[0]! : mergeRounds(parts);
    },
  };
}
