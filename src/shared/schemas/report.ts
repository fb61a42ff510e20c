import { z } from 'zod';
import { RunComparisonSchema, RunSchema } from './bench';
import { HardwareProfileSchema } from './hardware';

export const REPORT_SCHEMA_ID = 'tunebench-report';
/** Bump on any incompatible change, and add an upgrade step in core/report/load.ts. */
export const REPORT_VERSION = 1;

export const ProjectRefSchema = z.object({
  root: z.string(),
  commit: z.string().nullable(),
  branch: z.string().nullable(),
  dirty: z.boolean().nullable(),
});

/** Placeholders until the tuning engine lands; kept in the schema so reports stay comparable later. */
export const FindingSchema = z.object({ rule: z.string(), title: z.string(), evidence: z.string() }).passthrough();
export const AppliedChangeSchema = z.object({ rule: z.string(), verdict: z.string() }).passthrough();

/**
 * Version 1 of the report: everything needed to read, recompute and compare a result without
 * Tunebench — the machine, the project and commit, settings, every run with every sample, and
 * the comparisons made.
 */
export const ReportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  version: z.literal(REPORT_VERSION),
  generatedAt: z.string(),
  tool: z.object({ name: z.literal('tunebench'), version: z.string() }),
  /** Null for reports upgraded from bare run exports, which did not carry the machine. */
  machine: HardwareProfileSchema.nullable(),
  project: ProjectRefSchema.nullable(),
  runs: z.array(RunSchema),
  comparisons: z.array(RunComparisonSchema),
  findings: z.array(FindingSchema),
  appliedChanges: z.array(AppliedChangeSchema),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportFormatSchema = z.enum(['json', 'html', 'md', 'csv', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;
