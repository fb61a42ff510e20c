import type { BenchmarkResult, SamplingPlan } from '../../../shared/schemas/bench';
import { summarize } from './stats/summary';

/**
 * Each of k rounds gets 1/k of the benchmark's time budget and sample cap (never fewer samples than the plan's
 * minimum), so that a k-round run costs about what one round did plus k − 1 warm-ups and worker starts.
 */
export function roundPlan(plan: SamplingPlan, rounds: number): SamplingPlan {
  if (rounds <= 1) return plan;
  return {
    ...plan,
    budgetMs: plan.budgetMs / rounds,
    maxSamples: Math.max(plan.minSamples, Math.ceil(plan.maxSamples / rounds)),
  };
}

/**
 * One result from the rounds of one benchmark: samples pooled (so distributions and reports stay as they were),
 * each round's median and count kept as the replicates a comparison of separate runs tests over.
 */
export function mergeRounds(parts: readonly BenchmarkResult[]): BenchmarkResult {
  const first = parts[0];
  if (!first) throw new RangeError('no rounds to merge');
  const last = parts.at(-1)!;
  const samples = parts.flatMap((part) => part.samples);
  return {
    ...last,
    samples,
    summary: summarize(samples),
    plan: first.plan,
    warnings: [...new Set(parts.flatMap((part) => part.warnings))],
    rounds: parts.map((part) => ({ median: part.summary.median, n: part.summary.n })),
  };
}
