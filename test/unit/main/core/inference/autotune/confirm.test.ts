import { describe, expect, it } from 'vitest';
import {
  confirmationPlan,
  confirmWinner,
  planWithConfirmation,
} from '../../../../../../src/main/core/inference/autotune/confirm';
import type { EvaluationOutcome } from '../../../../../../src/main/core/inference/autotune/measure';
import { defaultCandidate } from '../../../../../../src/main/core/inference/autotune/space';
import type { Candidate } from '../../../../../../src/main/core/inference/autotune/types';

const DEFAULTS = defaultCandidate('fp32');
const WINNER: Candidate = { ...DEFAULTS, intraOpThreads: 1, batch: 8 };

function outcome(ms: number, n: number, warnings: string[] = []): EvaluationOutcome {
  const samples = Array.from({ length: n }, (_, i) => ms + i * 0.01);
  return {
    measurement: {
      samples,
      n,
      p50Ms: ms,
      p50CiMs: null,
      throughput: 1000 / ms,
      throughputIqr: [0, 0],
      peakRssMiB: 10 + n,
      budgetMs: 100,
      warnings,
    },
    error: null,
  };
}

describe('planning the confirmation A/B', () => {
  it("gives each side the winner's last sampling time, split over 2 rounds (W D, D W)", () => {
    expect(confirmationPlan(801, 100)).toEqual({ rounds: 2, budgetMsPerRound: 401, estimatedMs: 4 * (100 + 401) });
  });

  it('pays the confirmation from the same share as the search', () => {
    for (const shareMs of [10_000, 60_000]) {
      const { search, confirmation } = planWithConfirmation(49, shareMs, 400, 250);
      expect(search.fits).toBe(true);
      expect(search.estimatedMs + confirmation.estimatedMs).toBeLessThanOrEqual(shareMs);
      expect(confirmation.budgetMsPerRound).toBe(Math.round((search.baseBudgetMs * 2 ** (search.rounds - 1)) / 2));
    }
    // Too small a share for both: the smallest search, said not to fit.
    expect(planWithConfirmation(49, 3_000, 400, 250).search).toMatchObject({ count: 2, fits: false });
  });
});

describe('confirmWinner', () => {
  it('alternates the sides over the rounds and pools their samples', async () => {
    const order: string[] = [];
    const result = await confirmWinner({
      winner: WINNER,
      defaults: DEFAULTS,
      plan: { rounds: 3, budgetMsPerRound: 100 },
      measure: async (c, budgetMs, round) => {
        expect(budgetMs).toBe(100);
        order.push(`${round}${c === WINNER ? 'W' : 'D'}`);
        return c === WINNER ? outcome(2, 10 * round) : outcome(4, 7);
      },
    });
    expect(order).toEqual(['1W', '1D', '2D', '2W', '3W', '3D']);
    if (result.error !== null) throw new Error(result.error);
    expect(result.best.measurement.n).toBe(60);
    expect(result.defaults.measurement.n).toBe(21);
    expect(result.best.items).toBe(8);
    expect(result.best.measurement.budgetMs).toBe(300);
    expect(result.best.measurement.peakRssMiB).toBe(40);
    expect(result.best.measurement.throughput).toBeCloseTo((8 * 1000) / result.best.measurement.p50Ms, 1);
  });

  it('ends with the reason when a side fails or its outputs disagree', async () => {
    const disagree = await confirmWinner({
      winner: WINNER,
      defaults: DEFAULTS,
      plan: { rounds: 3, budgetMsPerRound: 100 },
      measure: async (c, _b, round) =>
        c === WINNER && round === 2 ? outcome(2, 10, ['output disagrees with the CPU FP32 reference']) : outcome(3, 10),
    });
    expect(disagree.error).toBe('winner in round 2 of 3: output disagrees with the CPU FP32 reference');
  });
});
