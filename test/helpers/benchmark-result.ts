import { summarize } from '../../src/main/core/bench/stats/summary';
import type { BenchmarkResult } from '../../src/shared/schemas/bench';

/** A stored latency result (ms, lower is better) with its real summary, for tests that read results. */
export function latencyResult(
  id: string,
  params: BenchmarkResult['params'],
  samples: number[],
  extras: BenchmarkResult['extras'] = {},
): BenchmarkResult {
  return {
    id,
    title: id,
    params,
    unit: 'ms',
    direction: 'lower-is-better',
    samples,
    summary: summarize(samples),
    plan: { warmupRuns: 0, minSamples: 6, maxSamples: 20, budgetMs: 1000, targetRelativeHalfWidth: 0.03 },
    stopReason: 'precision-reached',
    warnings: [],
    extras,
  };
}
