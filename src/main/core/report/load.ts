import type { z } from 'zod';
import { RunSchema, type Run } from '../../../shared/schemas/bench';
import {
  REPORT_SCHEMA_ID,
  REPORT_VERSION,
  ReportSchema,
  ReportV1Schema,
  type Report,
  type ReportV1,
} from '../../../shared/schemas/report';

export class ReportError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'ReportError';
  }
}

/** "runs[0].results[2].samples[5]" from a zod issue path. */
function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

function describe(error: z.ZodError, limit = 5): string {
  const issues = error.issues.slice(0, limit).map((issue) => `${jsonPath(issue.path) || '(root)'}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return issues.join('; ') + more;
}

const LEGACY_NOTE =
  'Upgraded from report schema v1, whose findings and applied changes were placeholders ' +
  '(rule, title, evidence; rule, verdict) that cannot become v2 findings or verified changes without ' +
  'inventing data: they are kept here as they were.';

/**
 * v1 → v2: the project gains the tuning score (none was recorded) and the placeholder findings and
 * applied changes become the real lists. v1 writers always left them empty; entries a v1 report
 * has anyway are kept, unchanged, under `legacy`, never dropped.
 */
export function upgradeV1(report: ReportV1): Report {
  const { findings, appliedChanges, project, ...rest } = report;
  return {
    ...rest,
    version: REPORT_VERSION,
    project: project === null ? null : { ...project, tuningScore: null, tuningProblems: [] },
    findings: [],
    appliedChanges: [],
    ...(findings.length > 0 || appliedChanges.length > 0
      ? { legacy: { note: LEGACY_NOTE, findings, appliedChanges } }
      : {}),
  };
}

/** "Version 0": a bare run, as `bench … --json` and `--export-json` wrote it before reports existed. */
function fromRunExport(run: Run): ReportV1 {
  return {
    schema: REPORT_SCHEMA_ID,
    version: 1,
    generatedAt: run.finishedAt ?? run.startedAt,
    tool: { name: 'tunebench', version: 'unknown (run export)' },
    machine: null,
    project: null,
    runs: [run],
    comparisons: [],
    findings: [],
    appliedChanges: [],
  };
}

/**
 * Reads a report, whatever version wrote it. Current reports validate as they are; older ones are
 * validated against their own (frozen) schema and upgraded step by step: a bare run export
 * ("version 0") is wrapped into a v1 report without a machine, v1 is upgraded to v2. A report from
 * a newer Tunebench is refused rather than half-read.
 */
export function loadReport(text: string, source = 'report'): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportError(source, `not valid JSON (truncated or hand-edited?): ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReportError(source, 'expected a JSON object (a Tunebench report or run export)');
  }
  const record = value as Record<string, unknown>;
  if (record.schema === REPORT_SCHEMA_ID) {
    if (typeof record.version !== 'number') throw new ReportError(source, 'version: missing or not a number');
    if (record.version > REPORT_VERSION) {
      throw new ReportError(
        source,
        `report schema version ${record.version} is newer than this Tunebench understands (${REPORT_VERSION}): update Tunebench to read it`,
      );
    }
    if (record.version === 1) {
      const v1 = ReportV1Schema.safeParse(value);
      if (!v1.success) throw new ReportError(source, `invalid report (schema v1): ${describe(v1.error)}`);
      return validated(upgradeV1(v1.data), source);
    }
    if (record.version !== REPORT_VERSION) {
      throw new ReportError(
        source,
        `report schema version ${record.version} does not exist (known: 1 to ${REPORT_VERSION})`,
      );
    }
    return validated(value, source);
  }
  if ('results' in record && 'settings' in record && 'kind' in record) {
    const run = RunSchema.safeParse(value);
    if (!run.success) throw new ReportError(source, `invalid run export: ${describe(run.error)}`);
    return validated(upgradeV1(fromRunExport(run.data)), source);
  }
  throw new ReportError(
    source,
    `not a Tunebench report: no "schema": "${REPORT_SCHEMA_ID}" field and not a run export`,
  );
}

function validated(value: unknown, source: string): Report {
  const parsed = ReportSchema.safeParse(value);
  if (!parsed.success) throw new ReportError(source, `invalid report: ${describe(parsed.error)}`);
  return parsed.data;
}
