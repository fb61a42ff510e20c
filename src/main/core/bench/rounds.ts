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
 * The rounds' warnings, each kind once: "machine busy: …" from three rounds is one warning that says in how many
 * rounds it was seen (with the first round's figures), not three lines that differ in a percentage.
 */
function mergeWarnings(parts: readonly BenchmarkResult[]): string[] {
  const byKind = new Map<string, { first: string; rounds: Set<number> }>();
  parts.forEach((part, round) => {
    for (const warning of part.warnings) {
      const kind = warning.split(':')[0]!;
      const seen = byKind.get(kind) ?? { first: warning, rounds: new Set<number>() };
      seen.rounds.add(round);
      byKind.set(kind, seen);
    }
  });
  return [...byKind.values()].map(({ first, rounds }) =>
    rounds.size > 1 || parts.length > 1 ? `${first} (in ${rounds.size} of ${parts.length} rounds)` : first,
  );
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
    warnings: mergeWarnings(parts),
    rounds: parts.map((part) => ({ median: part.summary.median, n: part.summary.n })),
  };
}
