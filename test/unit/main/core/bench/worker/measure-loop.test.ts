import { describe, expect, it } from 'vitest';
import { planFor } from '../../../../../../src/main/core/bench/sampling';
import { seededRandom } from '../../../../../../src/main/core/bench/stats/random';
import { measureInterleaved } from '../../../../../../src/main/core/bench/worker/measure-loop';
import type { PreparedBenchmark } from '../../../../../../src/main/core/bench/worker/benchmark';

function benchmark(values: () => number, order: string[], name: string): PreparedBenchmark {
  return {
    unit: 'ms',
    direction: 'lower-is-better',
    measure: () => {
      order.push(name);
      return values();
    },
  };
}

describe('interleaved measurement', () => {
  it('keeps both sides sampling, alternating A B / B A, until both meet the rule: equal n', async () => {
    const random = seededRandom(7);
    const order: string[] = [];
    // A is steady (precise after the minimum), B is noisy (needs many more samples).
    const a = benchmark(() => 100 + random() * 0.01, order, 'A');
    const b = benchmark(() => 100 + random() * 40, order, 'B');
    const plan = planFor('moderate', { warmupRuns: 0, minSamples: 10, maxSamples: 200, budgetMs: 60_000 });
    const [first, second] = await measureInterleaved([a, b], plan, () => undefined);
    expect(first!.samples.length).toBe(second!.samples.length);
    expect(second!.samples.length).toBeGreaterThan(plan.minSamples);
    expect(first!.stopReason).toBe('precision-reached');
    expect(order.slice(0, 6)).toEqual(['A', 'B', 'B', 'A', 'A', 'B']);
  });

  it('stops the whole group when one side reaches its sample cap', async () => {
    const random = seededRandom(8);
    const plan = planFor('moderate', { warmupRuns: 0, minSamples: 10, maxSamples: 12, budgetMs: 60_000 });
    const outcomes = await measureInterleaved(
      [benchmark(() => 50 + random() * 30, [], 'A'), benchmark(() => 50 + random() * 30, [], 'B')],
      plan,
      () => undefined,
    );
    expect(outcomes.map((o) => o.samples.length)).toEqual([12, 12]);
    expect(outcomes.map((o) => o.stopReason)).toEqual(['max-samples', 'max-samples']);
  });
});
