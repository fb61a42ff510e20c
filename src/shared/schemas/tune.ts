import { z } from 'zod';
import { EvidenceSchema } from './project';

/** safe: no behaviour change; review: read the diff first; risky: can change semantics. */
export const RiskSchema = z.enum(['safe', 'review', 'risky']);
export type Risk = z.infer<typeof RiskSchema>;

export const EffortSchema = z.enum(['low', 'medium', 'high']);
export type Effort = z.infer<typeof EffortSchema>;

/** What a rule promises to move. Verification measures exactly these. */
export const TuneMetricSchema = z.enum(['runtime', 'build-time', 'artifact-size', 'memory']);
export type TuneMetric = z.infer<typeof TuneMetricSchema>;

/** Ecosystem a rule belongs to: a project stack, or the workstation itself. */
export const RuleStackSchema = z.enum(['rust', 'node', 'python', 'docker', 'kubernetes', 'models', 'workstation']);
export type RuleStack = z.infer<typeof RuleStackSchema>;

export const RuleInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  rationale: z.string(),
  reference: z.object({ title: z.string(), url: z.string() }),
  stack: RuleStackSchema,
  risk: RiskSchema,
  effort: EffortSchema,
  metrics: z.array(TuneMetricSchema).min(1),
  /** Before any outcome is known: how likely it helps, and by how much (relative, 0.1 = 10 %). */
  prior: z.object({ pImprove: z.number().min(0).max(1), effect: z.number().min(0) }),
  /** True when Tunebench can write the change itself; otherwise it is advice (or commands to run). */
  automatic: z.boolean(),
});
export type RuleInfo = z.infer<typeof RuleInfoSchema>;

export const RankingSchema = z.object({
  /** Posterior mean of P(improves) (Beta, seeded by the rule's prior). */
  pImprove: z.number(),
  /** Expected relative effect on the targeted metric when it improves. */
  effect: z.number(),
  /** pImprove × effect ÷ effort weight: the number the list is sorted by. */
  expectedGain: z.number(),
  /** 90 % credible interval of P(improves). */
  pLow: z.number(),
  pHigh: z.number(),
  outcomes: z.number().int(),
  projects: z.number().int(),
});
export type Ranking = z.infer<typeof RankingSchema>;

export const FindingSchema = z.object({
  /** `<rule id>` or `<rule id>@<folder>` when a monorepo has the finding in several places. */
  id: z.string(),
  ruleId: z.string(),
  rule: RuleInfoSchema,
  /** Folder of the stack it concerns, relative to the root ("" for the root). */
  dir: z.string(),
  /** What was found, in this project's terms. */
  message: z.string(),
  evidence: z.array(EvidenceSchema),
  current: z.string().nullable(),
  proposed: z.string().nullable(),
  /** Something the user must know before applying (e.g. binaries only run on this CPU family). */
  warning: z.string().nullable(),
  /** Commands for the user to run themselves (workstation settings): never executed by Tunebench. */
  commands: z.array(z.string()),
  /** Files the fix writes (empty for advice). */
  files: z.array(z.string()),
  ranking: RankingSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const ScorePartSchema = z.object({ findingId: z.string(), title: z.string(), penalty: z.number() });
export const TuningScoreSchema = z.object({
  score: z.number().min(0).max(100),
  /** The formula in words, shown next to the number. */
  formula: z.string(),
  parts: z.array(ScorePartSchema),
});
export type TuningScore = z.infer<typeof TuningScoreSchema>;

export const FindingsReportSchema = z.object({
  root: z.string(),
  head: z.string().nullable(),
  findings: z.array(FindingSchema),
  score: TuningScoreSchema,
  /** Rules that could not run on this project and why (a malformed file, a missing tool). */
  problems: z.array(z.object({ ruleId: z.string(), message: z.string() })),
});
export type FindingsReport = z.infer<typeof FindingsReportSchema>;

export const MetricVerdictSchema = z.object({
  metric: TuneMetricSchema,
  /** The measured thing, e.g. "bench: cargo bench" or "binary target/release/hashmix". */
  title: z.string(),
  unit: z.string(),
  baseline: z.object({ median: z.number(), n: z.number().int(), low: z.number(), high: z.number() }),
  candidate: z.object({ median: z.number(), n: z.number().int(), low: z.number(), high: z.number() }),
  /** Relative change of the candidate's median (negative = smaller/faster). */
  change: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  pValue: z.number().nullable(),
  /** "inconclusive": too few values for the test to ever reach α, so "same" would claim what was never tested. */
  verdict: z.enum(['better', 'worse', 'same', 'inconclusive']),
  /** Why the verdict is inconclusive; absent otherwise. */
  reason: z.string().optional(),
});
export type MetricVerdict = z.infer<typeof MetricVerdictSchema>;

/** "inconclusive": nothing got better or worse, and at least one metric could not be decided. */
export const OverallVerdictSchema = z.enum([
  'improved',
  'no-change',
  'inconclusive',
  'regressed',
  'broke-build',
  'broke-tests',
]);
export type OverallVerdict = z.infer<typeof OverallVerdictSchema>;

export const VerificationSchema = z.object({
  overall: OverallVerdictSchema,
  summary: z.string(),
  metrics: z.array(MetricVerdictSchema),
  tests: z.object({
    ran: z.boolean(),
    passed: z.boolean().nullable(),
    command: z.string().nullable(),
    /** Last lines of the failing output, for the detail view. */
    output: z.string(),
  }),
  /** Where each side was measured (worktree paths or a temporary copy). */
  baselineDir: z.string(),
  candidateDir: z.string(),
  warnings: z.array(z.string()),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const ChangeStatusSchema = z.enum(['verifying', 'verified', 'kept', 'discarded', 'failed']);
export const AppliedChangeSchema = z.object({
  id: z.number().int(),
  root: z.string(),
  findingId: z.string(),
  ruleId: z.string(),
  branch: z.string().nullable(),
  /** Commit of the kept change on its branch. */
  commit: z.string().nullable(),
  status: ChangeStatusSchema,
  diff: z.string(),
  verification: VerificationSchema.nullable(),
  /** What happened when it was brought into the current branch, if asked. */
  merged: z.string().nullable(),
  /** Why it failed or how it was recovered after an interruption. */
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AppliedChange = z.infer<typeof AppliedChangeSchema>;

/** Learned statistics, exportable so a team can share what pays off. */
export const OutcomeStatSchema = z
  .object({
    ruleId: z.string(),
    stack: z.string(),
    improved: z.number().int().nonnegative(),
    notImproved: z.number().int().nonnegative(),
    /** Sum of the relative gains measured when it improved (for the mean effect). */
    gainSum: z.number().nonnegative(),
    projects: z.number().int().nonnegative(),
  })
  .refine((stat) => stat.gainSum <= stat.improved * 10, {
    message: 'gainSum cannot exceed ten times the number of improvements (a gain above 1000 % each)',
  });
export const OutcomeExportSchema = z.object({
  format: z.literal('tunebench-outcomes'),
  version: z.literal(1),
  exportedAt: z.string(),
  stats: z.array(OutcomeStatSchema),
});
export type OutcomeExport = z.infer<typeof OutcomeExportSchema>;
