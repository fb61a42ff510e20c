import { describe, expect, it } from 'vitest';
import {
  estimatedCostMs,
  planHalving,
  roundsFor,
  successiveHalving,
} from '../../../../../../src/main/core/inference/autotune/halving';
import {
  candidateKey,
  defaultCandidate,
  enumerate,
  initialCandidates,
  itemsPerRun,
  searchSpace,
  threadCounts,
} from '../../../../../../src/main/core/inference/autotune/space';

/**
 * A known objective: candidate i has true cost i + 1; a measurement with budget b adds an error
 * that shrinks as 1/b and alternates in sign, so short measurements can misrank close neighbours
 * but never the far-apart ones.
 */
function noisyObjective(trueCost: (c: number) => number) {
  const calls: Array<{ c: number; budgetMs: number; round: number }> = [];
  const evaluate = async (c: number, budgetMs: number, round: number) => {
    calls.push({ c, budgetMs, round });
    return trueCost(c) + ((c % 2 === 0 ? 1 : -1) * 0.4 * 100) / budgetMs;
  };
  return { calls, evaluate };
}

describe('successive halving on a deterministic objective', () => {
  it('finds the minimum, halving the field and doubling the budget every round', async () => {
    const candidates = Array.from({ length: 16 }, (_, i) => 15 - i); // worst first, to show order does not matter
    const { calls, evaluate } = noisyObjective((c) => c + 1);
    const outcome = await successiveHalving({ candidates, key: String, evaluate, baseBudgetMs: 100 });
    expect(outcome.winner).toBe(0);
    expect(outcome.stoppedEarly).toBe(false);
    const perRound = [0, 1, 2, 3].map((r) => calls.filter((c) => c.round === r));
    expect(perRound.map((r) => r.length)).toEqual([16, 8, 4, 2]);
    expect(perRound.map((r) => r[0]!.budgetMs)).toEqual([100, 200, 400, 800]);
    expect(outcome.finalRound).toBe(3);
    expect(roundsFor(16)).toBe(4);
    // The survivors of each round are the best half by score.
    expect(perRound[1]!.map((c) => c.c).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(perRound[3]!.map((c) => c.c).sort()).toEqual([0, 1]);
  });

  it('measures the baseline in every round whatever its rank, without letting it survive on that', async () => {
    const { calls, evaluate } = noisyObjective((c) => c + 1);
    const outcome = await successiveHalving({
      candidates: [9, 0, 1, 2, 3, 4, 5, 6],
      baseline: 9,
      key: String,
      evaluate,
      baseBudgetMs: 50,
    });
    expect(outcome.winner).toBe(0);
    for (const round of [0, 1, 2]) {
      expect(calls.filter((c) => c.round === round && c.c === 9)).toHaveLength(1);
    }
    // Round 1: the best four (0–3) plus the baseline, which is measured but not among the survivors.
    expect(
      calls
        .filter((c) => c.round === 1)
        .map((c) => c.c)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 9]);
    // The baseline's last measurement has the winner's budget.
    const last = calls.filter((c) => c.round === outcome.finalRound);
    expect(new Set(last.map((c) => c.budgetMs)).size).toBe(1);
    expect(last.map((c) => c.c)).toContain(9);
  });

  it('drops candidates that fail (null) and survives when all but one fail', async () => {
    const outcome = await successiveHalving({
      candidates: [0, 1, 2, 3],
      key: String,
      evaluate: async (c) => (c === 0 || c === 2 ? null : c),
      baseBudgetMs: 10,
    });
    expect(outcome.winner).toBe(1);
    const none = await successiveHalving({
      candidates: [0, 1],
      key: String,
      evaluate: async () => null,
      baseBudgetMs: 10,
    });
    expect(none.winner).toBeNull();
  });

  it('stops when the budget is spent and keeps the best of the last finished round', async () => {
    const { calls, evaluate } = noisyObjective((c) => c + 1);
    const outcome = await successiveHalving({
      candidates: [5, 4, 3, 2, 1, 0, 6, 7],
      key: String,
      evaluate,
      baseBudgetMs: 100,
      canAfford: (round) => round < 2,
    });
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.finalRound).toBe(1);
    expect(outcome.winner).toBe(0);
    expect(Math.max(...calls.map((c) => c.round))).toBe(1);
  });

  it('sizes the first round to the budget, and lengthens measurements when the whole space fits', () => {
    expect(estimatedCostMs(2, 100, 50)).toBe(3 * 150);
    expect(estimatedCostMs(4, 100, 0)).toBe(5 * 100 + 3 * 200);
    const plan = planHalving(100, 20_000, 300, 250);
    expect(plan.count).toBeLessThan(100);
    expect(plan.baseBudgetMs).toBe(250);
    expect(plan.estimatedMs).toBeLessThanOrEqual(20_000);
    expect(estimatedCostMs(plan.count + 1, 250, 300)).toBeGreaterThan(20_000);
    const all = planHalving(4, 20_000, 300, 250);
    expect(all.count).toBe(4);
    expect(all.baseBudgetMs).toBeGreaterThan(250);
    expect(all.estimatedMs).toBeLessThanOrEqual(20_000);
    const tight = planHalving(50, 100, 300, 250);
    expect(tight).toMatchObject({ count: 2, fits: false });
  });
});

describe('the search space', () => {
  it('tries 1..cores threads, lists inter-op counts only for the parallel executor, and batches for throughput', () => {
    expect(threadCounts(2)).toEqual([1, 2]);
    expect(threadCounts(16)).toEqual([1, 2, 3, 4, 8, 16]);
    const latency = enumerate(searchSpace('latency', 2, ['cpu'], ['fp32', 'int8']));
    // 2 precisions × 2 intra × 4 levels × (sequential + parallel × 2 inter) = 48
    expect(latency).toHaveLength(48);
    expect(latency.every((c) => c.batch === 1)).toBe(true);
    expect(latency.filter((c) => c.executionMode === 'sequential').every((c) => c.interOpThreads === 0)).toBe(true);
    const throughput = enumerate(searchSpace('throughput', 2, ['cpu'], ['fp32']));
    expect(new Set(throughput.map((c) => c.batch))).toEqual(new Set([1, 8, 32]));
    expect(new Set(throughput.map(candidateKey)).size).toBe(throughput.length);
  });

  it('varies the hint and the requests in flight on OpenVINO devices, not the onnxruntime session options', () => {
    const latency = enumerate(searchSpace('latency', 2, ['openvino-npu'], ['fp32']));
    // 1 precision × batch 1 × 2 hints × 1 request
    expect(latency.map(candidateKey)).toEqual([
      'openvino-npu/fp32/b1/hint-latency/r1',
      'openvino-npu/fp32/b1/hint-throughput/r1',
    ]);
    const throughput = enumerate(searchSpace('throughput', 2, ['cpu', 'openvino-cpu'], ['fp32']));
    const ov = throughput.filter((c) => c.openvino);
    // 3 batches × 2 hints × 3 request counts
    expect(ov).toHaveLength(18);
    expect(ov.every((c) => c.device === 'openvino-cpu' && c.intraOpThreads === 0)).toBe(true);
    expect(throughput.filter((c) => !c.openvino).every((c) => c.device === 'cpu')).toBe(true);
    expect(new Set(throughput.map(candidateKey)).size).toBe(throughput.length);
    const four = ov.find((c) => c.batch === 8 && c.openvino!.requests === 4)!;
    expect(itemsPerRun(four)).toBe(32);
    expect(itemsPerRun(defaultCandidate('fp32'))).toBe(1);
  });

  it('starts with the defaults, then a seeded sample that repeats with the same seed', () => {
    const all = enumerate(searchSpace('throughput', 2, ['cpu'], ['fp32', 'int8']));
    const defaults = defaultCandidate('fp32');
    expect(defaults).toMatchObject({ intraOpThreads: 0, interOpThreads: 0, graphOptimization: 'all' });
    const first = initialCandidates(all, defaults, 10, 7);
    expect(first[0]).toBe(defaults);
    expect(first).toHaveLength(10);
    expect(initialCandidates(all, defaults, 10, 7).map(candidateKey)).toEqual(first.map(candidateKey));
    expect(initialCandidates(all, defaults, 10, 8).map(candidateKey)).not.toEqual(first.map(candidateKey));
    expect(initialCandidates(all, defaults, 10_000)).toHaveLength(all.length + 1);
  });
});
