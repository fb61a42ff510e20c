import { z } from 'zod';
import { DirectionSchema, LevelSchema, RunSchema, RunStatusSchema } from './bench';

export const MAX_HISTORY_ROWS = 100_000;

/** A stored run as the History page lists it: which machine, which commit, how many results. */
export const HistoryRunSchema = z.object({
  id: z.number().int(),
  kind: RunSchema.shape.kind,
  name: z.string(),
  fingerprint: z.string(),
  /** "hostname · CPU model" when the machine's hardware profile is stored. */
  machine: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  level: LevelSchema.nullable(),
  preset: z.string().nullable(),
  /** Project runs: the commit measured, and whether the tree had uncommitted changes. */
  commit: z.string().nullable(),
  dirty: z.boolean().nullable(),
  benchmarks: z.number().int(),
});
export type HistoryRun = z.infer<typeof HistoryRunSchema>;

/** One metric that can be followed over time: a benchmark id within a run kind (and project folder). */
export const HistoryMetricSchema = z.object({
  kind: RunSchema.shape.kind,
  benchmarkId: z.string(),
  /** The project folder for project runs (their benchmark ids repeat across projects); null otherwise. */
  scope: z.string().nullable(),
  title: z.string(),
  unit: z.string(),
  direction: DirectionSchema,
  runs: z.number().int(),
  lastAt: z.string(),
});
export type HistoryMetric = z.infer<typeof HistoryMetricSchema>;

export const HistoryMetricRefSchema = HistoryMetricSchema.pick({
  kind: true,
  benchmarkId: true,
  scope: true,
  unit: true,
});
export type HistoryMetricRef = z.infer<typeof HistoryMetricRefSchema>;

/** The metric's median in one run, with the 95 % CI of that median and its sample count. */
export const HistoryPointSchema = z.object({
  runId: z.number().int(),
  startedAt: z.string(),
  fingerprint: z.string(),
  machine: z.string().nullable(),
  commit: z.string().nullable(),
  dirty: z.boolean().nullable(),
  status: RunStatusSchema,
  median: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  n: z.number().int(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

export const HistorySeriesSchema = z.object({
  metric: HistoryMetricSchema,
  /** Oldest first; every stored value (the chart thins them for display, the table does not). */
  points: z.array(HistoryPointSchema),
});
export type HistorySeries = z.infer<typeof HistorySeriesSchema>;
