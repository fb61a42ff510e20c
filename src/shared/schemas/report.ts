import { z } from 'zod';
import { RunComparisonSchema, RunSchema } from './bench';
import { HardwareProfileSchema } from './hardware';
import { AppliedChangeSchema, FindingSchema, TuningScoreSchema } from './tune';

export const REPORT_SCHEMA_ID = 'tunebench-report';
/** Bump on any incompatible change, and add an upgrade step in core/report/load.ts. */
export const REPORT_VERSION = 2;

const GitRefShape = {
  root: z.string(),
  commit: z.string().nullable(),
  branch: z.string().nullable(),
  dirty: z.boolean().nullable(),
};

/**
 * Version 1's placeholders for findings and applied changes, from before the tuning engine
 * existed. Nothing wrote entries in practice; a v1 report that has some keeps them, as they were,
 * under `legacy` when it is upgraded.
 */
export const LegacyFindingSchema = z
  .object({ rule: z.string(), title: z.string(), evidence: z.string() })
  .passthrough();
export const LegacyAppliedChangeSchema = z.object({ rule: z.string(), verdict: z.string() }).passthrough();

const tool = z.object({ name: z.literal('tunebench'), version: z.string() });
/** Null for reports upgraded from bare run exports, which did not carry the machine. */
const machine = HardwareProfileSchema.nullable();

/** Version 1, frozen: what `loadReport` reads before upgrading it to the current version. */
export const ReportV1Schema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  version: z.literal(1),
  generatedAt: z.string(),
  tool,
  machine,
  project: z.object(GitRefShape).nullable(),
  runs: z.array(RunSchema),
  comparisons: z.array(RunComparisonSchema),
  findings: z.array(LegacyFindingSchema),
  appliedChanges: z.array(LegacyAppliedChangeSchema),
});
export type ReportV1 = z.infer<typeof ReportV1Schema>;

export const ProjectRefSchema = z.object({
  ...GitRefShape,
  /** The project's tuning score with its formula and the points each finding costs; null without findings analysed. */
  tuningScore: TuningScoreSchema.nullable(),
  /** Rules that could not run on this project, and why (a malformed file, a missing tool). */
  tuningProblems: z.array(z.object({ ruleId: z.string(), message: z.string() })),
});
export type ProjectRef = z.infer<typeof ProjectRefSchema>;

/**
 * Version 2 of the report: everything needed to read, recompute and compare a result without
 * Tunebench — the machine, the project and commit, settings, every run with every sample (and its
 * telemetry over time), the comparisons made, and the project's tuning: ranked findings, the
 * tuning score, and every applied change with its before/after verification.
 */
export const ReportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  version: z.literal(REPORT_VERSION),
  generatedAt: z.string(),
  tool,
  machine,
  project: ProjectRefSchema.nullable(),
  runs: z.array(RunSchema),
  comparisons: z.array(RunComparisonSchema),
  /** The project's findings, ranked by expected gain (best first), as the tuning engine found them. */
  findings: z.array(FindingSchema),
  /** Changes Tunebench verified in the project (newest first), each with its measured verdict. */
  appliedChanges: z.array(AppliedChangeSchema),
  /** Entries of a v1 report's placeholder lists, kept unchanged; absent when there were none. */
  legacy: z
    .object({
      note: z.string(),
      findings: z.array(LegacyFindingSchema),
      appliedChanges: z.array(LegacyAppliedChangeSchema),
    })
    .optional(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportFormatSchema = z.enum(['json', 'html', 'md', 'csv', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;
