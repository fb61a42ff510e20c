import type { Direction } from '../../../../shared/schemas/bench';

/** A metric recorded alongside the primary one on every iteration (e.g. user CPU time, peak RSS). */
export interface SecondaryMetric {
  idSuffix: string;
  title: string;
  unit: string;
  direction: Direction;
  samples: number[];
}

/** One measurable thing, prepared once in the worker: `measure()` runs one iteration. */
export interface PreparedBenchmark {
  unit: string;
  direction: Direction;
  /** Runs one iteration and returns its value in `unit` (a time, or a rate such as GFLOP/s). */
  measure(): number | Promise<number>;
  /** Figures computed after sampling (e.g. fraction of a peak), from the median. */
  extras?(median: number): Record<string, string | number>;
  /** Per-iteration metrics besides the primary one, aligned with its samples. */
  secondary?(): SecondaryMetric[];
  /** Problems found while preparing or measuring that the reader must see (e.g. wrong outputs). */
  warnings?(): string[];
  /** Checked after sampling: a kernel that computed garbage must not report a speed. */
  verify?(): string | null | Promise<string | null>;
  /** Runs before each timed iteration, untimed (hyperfine's --prepare). */
  beforeEach?(): Promise<void>;
  /** Runs after each timed iteration, untimed (hyperfine's --cleanup). */
  afterEach?(): Promise<void>;
  dispose?(): void;
}

/** Several benchmarks measured in turn, A B B A …, so that drift of the machine cancels out. */
export interface InterleavedGroup {
  members: Array<{ id: string; title: string; benchmark: PreparedBenchmark }>;
}

export type BenchmarkFactory = (
  params: Record<string, string | number | boolean>,
) => Promise<PreparedBenchmark | InterleavedGroup>;

export function isGroup(value: PreparedBenchmark | InterleavedGroup): value is InterleavedGroup {
  return 'members' in value;
}
