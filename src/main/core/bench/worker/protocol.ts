import type { BenchmarkResult, SamplingPlan } from '../../../../shared/schemas/bench';

/** What a worker is asked to measure: a registered benchmark kind and its parameters. */
export interface BenchmarkSpec {
  kind: string;
  id: string;
  title: string;
  params: Record<string, string | number | boolean>;
}

export interface RunRequest {
  type: 'run';
  spec: BenchmarkSpec;
  plan: SamplingPlan;
}

/** A result as the worker reports it; statistics are computed by the parent from the samples. */
export type RawResult = Omit<BenchmarkResult, 'summary'>;

export type WorkerMessage =
  | { type: 'progress'; phase: 'setup' | 'warmup' | 'sampling'; samples: number; relativeHalfWidth: number | null }
  /**
   * cpuTimeUs: CPU time since the worker started, of the worker and, when cpuTimeIncludesChildren, of every
   * process it ran (else the timed commands' own user/system series must be added).
   */
  | { type: 'result'; values: RawResult[]; cpuTimeUs: number; cpuTimeIncludesChildren?: boolean }
  | { type: 'error'; message: string };
