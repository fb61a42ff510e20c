import type { SamplingPlan } from '../../../../shared/schemas/bench';
import { samplingWarnings, stopReason, type StopReason } from '../sampling';
import { summarize } from '../stats/summary';
import type { PreparedBenchmark } from './benchmark';

export interface LoopOutcome {
  samples: number[];
  stopReason: StopReason;
  warnings: string[];
}

export type ProgressSink = (phase: 'warmup' | 'sampling', samples: number, relativeHalfWidth: number | null) => void;

async function iterate(benchmark: PreparedBenchmark): Promise<number> {
  await benchmark.beforeEach?.();
  const value = await benchmark.measure();
  await benchmark.afterEach?.();
  return value;
}

/**
 * Warm-up, then adaptive sampling under the plan's stopping rule. With several benchmarks the
 * rounds interleave and alternate their order (A B, B A, …) so drift and order effects cancel;
 * every member keeps sampling until all have met the stopping rule (or the shared budget ends), so
 * the sides stay interleaved to the end and have the same n. Progress is reported at most ~10×/s.
 */
export async function measureInterleaved(
  benchmarks: PreparedBenchmark[],
  plan: SamplingPlan,
  progress: ProgressSink,
  now: () => number = () => performance.now(),
): Promise<LoopOutcome[]> {
  for (let i = 0; i < plan.warmupRuns; i += 1) {
    for (const benchmark of benchmarks) await iterate(benchmark);
    progress('warmup', 0, null);
  }
  const samples = benchmarks.map(() => [] as number[]);
  const reasons: Array<StopReason | null> = benchmarks.map(() => null);
  const started = now();
  let lastReport = 0;
  for (let round = 0; reasons.some((reason) => reason === null); round += 1) {
    const order = benchmarks.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const value = await iterate(benchmarks[index]!);
      if (!Number.isFinite(value)) {
        throw new Error(`iteration ${samples[index]!.length + 1} produced ${value}, not a number`);
      }
      samples[index]!.push(value);
    }
    for (const index of order) reasons[index] ??= stopReason(samples[index]!, plan, now() - started);
    // A member at its sample cap ends the group: the others cannot stay interleaved beyond it.
    if (reasons.some((reason) => reason === 'max-samples' || reason === 'time-budget')) {
      for (const index of order) reasons[index] ??= reasons.find((r) => r === 'max-samples' || r === 'time-budget')!;
    }
    if (now() - lastReport > 100 || reasons.every((reason) => reason !== null)) {
      lastReport = now();
      const first = samples[0]!;
      progress('sampling', first.length, first.length >= 6 ? summarize(first).relativeHalfWidth : null);
    }
  }
  return samples.map((values, index) => ({
    samples: values,
    stopReason: reasons[index]!,
    warnings: samplingWarnings(values, plan, reasons[index]!),
  }));
}
