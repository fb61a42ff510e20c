import type { SamplingPlan } from '../../../../shared/schemas/bench';
import { stopReason, samplingWarnings, type StopReason } from '../sampling';
import { summarize } from '../stats/summary';
import type { PreparedBenchmark } from './benchmark';

export interface LoopOutcome {
  samples: number[];
  stopReason: StopReason;
  warnings: string[];
}

export type ProgressSink = (phase: 'warmup' | 'sampling', samples: number, relativeHalfWidth: number | null) => void;

/**
 * Warm-up, then adaptive sampling under the plan's stopping rule. Progress is reported at most
 * ~10 times a second so a fast kernel does not flood the parent with messages.
 */
export async function measureLoop(
  benchmark: PreparedBenchmark,
  plan: SamplingPlan,
  progress: ProgressSink,
  now: () => number = () => performance.now(),
): Promise<LoopOutcome> {
  for (let i = 0; i < plan.warmupRuns; i += 1) {
    await benchmark.measure();
    progress('warmup', 0, null);
  }
  const samples: number[] = [];
  const started = now();
  let lastReport = 0;
  let reason: StopReason | null = null;
  while (reason === null) {
    const value = await benchmark.measure();
    if (!Number.isFinite(value)) throw new Error(`iteration ${samples.length + 1} produced ${value}, not a number`);
    samples.push(value);
    reason = stopReason(samples, plan, now() - started);
    if (now() - lastReport > 100 || reason !== null) {
      lastReport = now();
      progress('sampling', samples.length, samples.length >= 6 ? summarize(samples).relativeHalfWidth : null);
    }
  }
  return { samples, stopReason: reason, warnings: samplingWarnings(samples, plan, reason) };
}
