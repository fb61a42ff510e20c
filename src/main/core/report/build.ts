import type { Run, RunComparison } from '../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { REPORT_SCHEMA_ID, REPORT_VERSION, type ProjectRef, type Report } from '../../../shared/schemas/report';
import { AppliedChangeSchema, type AppliedChange, type FindingsReport } from '../../../shared/schemas/tune';
import { version } from '../version';

/** Where the numbers come from: the project folder and its git state. */
export type ProjectGitRef = Pick<ProjectRef, 'root' | 'commit' | 'branch' | 'dirty'>;

export interface ReportInput {
  machine: HardwareProfile | null;
  runs: Run[];
  comparisons?: RunComparison[];
  project?: ProjectGitRef | null;
  /** The project's recommendations: ranked findings with the score, and the changes verified. */
  tuning?: { findings: FindingsReport; changes: readonly AppliedChange[] };
}

function projectRef(input: ReportInput): ProjectRef | null {
  const tuning = input.tuning;
  const git =
    input.project ??
    (tuning ? { root: tuning.findings.root, commit: tuning.findings.head, branch: null, dirty: null } : null);
  if (!git) return null;
  return {
    root: git.root,
    commit: git.commit,
    branch: git.branch,
    dirty: git.dirty,
    tuningScore: tuning?.findings.score ?? null,
    tuningProblems: tuning?.findings.problems ?? [],
  };
}

/**
 * Assembles a versioned report from stored runs (every sample included), the machine profile and,
 * for a project's recommendations, its findings and applied changes.
 */
export function buildReport(input: ReportInput): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    tool: { name: 'tunebench', version },
    machine: input.machine,
    project: projectRef(input),
    runs: input.runs,
    comparisons: input.comparisons ?? [],
    findings: input.tuning?.findings.findings ?? [],
    // Stored changes carry the edits and the stack as well: the report keeps the public record.
    appliedChanges: (input.tuning?.changes ?? []).map((change) => AppliedChangeSchema.parse(change)),
  };
}
