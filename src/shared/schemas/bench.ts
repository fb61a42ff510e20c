import { z } from 'zod';

/** Sampling precision levels: the target relative half-width of the median's 95 % CI. */
export const LevelSchema = z.enum(['basic', 'moderate', 'aggressive']);
export type Level = z.infer<typeof LevelSchema>;
export const LEVEL_TARGET_HALF_WIDTH: Record<Level, number> = { basic: 0.03, moderate: 0.01, aggressive: 0.005 };

/** How many rounds a suite runs (each benchmark in a fresh worker per round, rounds interleaved). */
export const RoundsSchema = z.number().int().min(1).max(50);
/**
 * Rounds when none are asked for. Precision within one run does not carry over to another run, so the default
 * buys replicates only where the user asked for depth: 5 rounds are what a Mann–Whitney test over round medians
 * needs to decide at α = 0.05 with room to spare (4 is the least). Single-round runs are compared against the
 * noise floor that history gives.
 */
export const DEFAULT_ROUNDS: Record<Level, number> = { basic: 1, moderate: 1, aggressive: 5 };

/**
 * Where an inference benchmark runs: an onnxruntime execution provider or an OpenVINO device, in
 * the order a chooser lists them. The one list the contract, the engine and the CLI share.
 */
export const InferenceDeviceSchema = z.enum([
  'cpu',
  'cuda',
  'tensorrt',
  'openvino-cpu',
  'openvino-gpu',
  'openvino-npu',
  'openvino-auto',
]);
export type InferenceDevice = z.infer<typeof InferenceDeviceSchema>;

export const DirectionSchema = z.enum(['lower-is-better', 'higher-is-better']);
export type Direction = z.infer<typeof DirectionSchema>;

export const OutlierReportSchema = z.object({
  method: z.literal('modified-z-score (MAD) and Tukey fences'),
  /** Indices into samples of points beyond 1.5 IQR (mild) / 3 IQR (severe) or |modified z| > 3.5. */
  mild: z.array(z.number().int()),
  severe: z.array(z.number().int()),
  modifiedZ: z.array(z.number().int()),
});

/** Smallest sample count with a distribution-free 95 % CI of the median; below it a spread is a min–max range. */
export const MIN_SAMPLES_FOR_CI = 6;

export const SummarySchema = z.object({
  n: z.number().int(),
  median: z.number(),
  mean: z.number(),
  stddev: z.number(),
  mad: z.number(),
  min: z.number(),
  max: z.number(),
  p90: z.number(),
  p99: z.number(),
  /** Distribution-free 95 % confidence interval of the median (order statistics); null below 6 samples. */
  medianCi: z.tuple([z.number(), z.number()]).nullable(),
  /** The larger of medianCi's two half-widths (it is asymmetric), relative to the median. */
  relativeHalfWidth: z.number().nullable(),
  outliers: OutlierReportSchema,
});
export type Summary = z.infer<typeof SummarySchema>;

export const StopReasonSchema = z.enum(['precision-reached', 'max-samples', 'time-budget', 'cancelled']);

/** Decided before the run and stored with it: how many samples, how long, which precision. */
export const SamplingPlanSchema = z.object({
  warmupRuns: z.number().int().min(0),
  minSamples: z.number().int().min(2),
  maxSamples: z.number().int().min(2),
  budgetMs: z.number().positive(),
  targetRelativeHalfWidth: z.number().positive(),
});
export type SamplingPlan = z.infer<typeof SamplingPlanSchema>;

export const BenchmarkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Parameters that change the number (size, threads, working set…). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  unit: z.string(),
  direction: DirectionSchema,
  samples: z.array(z.number()).min(1, 'a result needs at least one sample'),
  summary: SummarySchema,
  plan: SamplingPlanSchema,
  stopReason: StopReasonSchema,
  warnings: z.array(z.string()),
  /** Extra figures, e.g. the fraction of a computed peak. */
  extras: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /**
   * A run of k rounds measures each benchmark k times, each in a fresh worker, rounds interleaved across the
   * suite's benchmarks; samples and summary pool them, and this keeps each round's median and count: the
   * units a comparison of separate runs replicates over. Absent for single-round runs (and older ones).
   */
  rounds: z.array(z.object({ median: z.number(), n: z.number().int() })).optional(),
});
export type BenchmarkResult = z.infer<typeof BenchmarkResultSchema>;

/**
 * "inconclusive": the comparison cannot be decided (separate runs without rounds or a noise floor, a busy or
 * throttled run, another machine or other settings, too few samples or rounds to ever reach α); the reason says which.
 */
export const VerdictSchema = z.enum(['faster', 'slower', 'no significant change', 'inconclusive']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Between-run spread of one benchmark on one machine with the same settings, learned from stored runs. */
export const NoiseFloorSchema = z.object({
  /** A relative change smaller than this is within what separate A/A runs show (95 % prediction bound). */
  relative: z.number().nonnegative(),
  /** How many earlier runs it rests on. */
  runs: z.number().int().min(2),
});
export type NoiseFloor = z.infer<typeof NoiseFloorSchema>;

export const ComparisonSchema = z.object({
  /** (head median / base median) − 1 */
  relativeChange: z.number(),
  /** 95 % bootstrap CI of the relative change of medians. */
  ci: z.tuple([z.number(), z.number()]),
  pValue: z.number(),
  /** Hodges–Lehmann estimate of the shift head − base, in the benchmark's unit. */
  hodgesLehmann: z.number(),
  verdict: VerdictSchema,
  alpha: z.number(),
  noiseThreshold: z.number(),
  /** Why the verdict is inconclusive (or what limited it); absent when nothing did. */
  reason: z.string().optional(),
  /**
   * What was replicated: samples of one interleaved A/B (or of one run each), or rounds of separate runs (their
   * medians). Absent in comparisons stored before it was recorded (samples).
   */
  basis: z.enum(['samples', 'rounds']).optional(),
  /** With basis "rounds": how many rounds each side ran (base, head). */
  rounds: z.tuple([z.number().int(), z.number().int()]).optional(),
  /** The noise floor the verdict had to clear, when one was known. */
  noiseFloor: NoiseFloorSchema.nullable().optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const RunStatusSchema = z.enum(['running', 'completed', 'failed', 'cancelled']);

/** One benchmark that failed inside a run (the run goes on with the others). */
export const BenchmarkFailureSchema = z.object({ id: z.string(), title: z.string(), error: z.string() });

export const RunSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['cpu', 'command', 'project', 'inference']),
  name: z.string(),
  fingerprint: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  error: z.string().nullable(),
  settings: z.object({
    preset: z.string(),
    level: LevelSchema,
    /** Anything else that changes the numbers (threads, sizes, command options). */
    options: z.record(z.string(), z.unknown()),
  }),
  results: z.array(BenchmarkResultSchema),
  failures: z.array(BenchmarkFailureSchema),
  /** Noise seen during the run (load from other processes, clock changes, throttling). */
  warnings: z.array(z.string()),
  /** Summary of the telemetry sampled during the run; null when none was sampled. */
  telemetry: z
    .object({
      samples: z.number().int(),
      cpuMeanPct: z.number(),
      cpuMaxPct: z.number(),
      memoryMaxUsedBytes: z.number(),
      cpuMaxTemperatureC: z.number().nullable(),
      gpuMaxPowerW: z.number().nullable(),
      gpuMaxTemperatureC: z.number().nullable(),
      /**
       * The same telemetry over time, for the reports' charts: at most 300 points, each the mean of
       * the samples in its time slice. Absent in runs stored before it was recorded.
       */
      series: z
        .object({
          /** Width of the time slice each point averages, in seconds; null when each point is one sample. */
          sliceS: z.number().nullable(),
          points: z.array(
            z.object({
              /** Seconds since the run started. */
              t: z.number(),
              cpuPct: z.number(),
              /** Memory in use, % of the total. */
              memoryPct: z.number(),
              /** One entry per GPU nvidia-smi reported (empty without one). */
              gpus: z.array(
                z.object({
                  index: z.number().int(),
                  utilizationPct: z.number().nullable(),
                  powerW: z.number().nullable(),
                }),
              ),
            }),
          ),
        })
        .optional(),
    })
    .nullable()
    .default(null),
});
export type Run = z.infer<typeof RunSchema>;

export const RunSummarySchema = RunSchema.pick({
  id: true,
  kind: true,
  name: true,
  startedAt: true,
  finishedAt: true,
  status: true,
}).extend({ benchmarks: z.number().int(), baselines: z.array(z.string()) });
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const JobInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  progress: z.unknown().nullable(),
  error: z.string().nullable(),
  resultRef: z.number().int().nullable(),
});

export const PresetInfoSchema = z.object({
  id: z.enum(['quick', 'standard', 'full']),
  title: z.string(),
  description: z.string(),
  benchmarks: z.number().int(),
});

export const ComparisonRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  direction: DirectionSchema,
  baseMedian: z.number(),
  headMedian: z.number(),
  baseN: z.number().int(),
  headN: z.number().int(),
  comparison: ComparisonSchema,
});

export const RunComparisonSchema = z.object({
  baseRunId: z.number().int(),
  headRunId: z.number().int(),
  rows: z.array(ComparisonRowSchema),
  /** Geometric mean of time-like ratios head/base (throughputs inverted): below 1 is faster. */
  geomeanTimeRatio: z.number().nullable(),
  onlyInBase: z.array(z.string()),
  onlyInHead: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type RunComparison = z.infer<typeof RunComparisonSchema>;
