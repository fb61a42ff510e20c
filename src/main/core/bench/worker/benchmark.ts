import type { Direction } from '../../../../shared/schemas/bench';

/** One measurable thing, prepared once in the worker: `measure()` runs one iteration. */
export interface PreparedBenchmark {
  unit: string;
  direction: Direction;
  /** Runs one iteration and returns its value in `unit` (a time, or a rate such as GFLOP/s). */
  measure(): number | Promise<number>;
  /** Figures computed after sampling (e.g. fraction of a peak), from the median. */
  extras?(median: number): Record<string, string | number>;
  /** Checked after sampling: a kernel that computed garbage must not report a speed. */
  verify?(): string | null;
  dispose?(): void;
}

export type BenchmarkFactory = (params: Record<string, string | number | boolean>) => Promise<PreparedBenchmark>;
