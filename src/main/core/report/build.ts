import type { Run, RunComparison } from '../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { REPORT_SCHEMA_ID, REPORT_VERSION, type Report } from '../../../shared/schemas/report';
import { version } from '../version';

export interface ReportInput {
  machine: HardwareProfile | null;
  runs: Run[];
  comparisons?: RunComparison[];
  project?: Report['project'];
}

/** Assembles a versioned report from stored runs (every sample included) and the machine profile. */
export function buildReport(input: ReportInput): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    tool: { name: 'tunebench', version },
    machine: input.machine,
    project: input.project ?? null,
    runs: input.runs,
    comparisons: input.comparisons ?? [],
    findings: [],
    appliedChanges: [],
  };
}
