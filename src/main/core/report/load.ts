import type { z } from 'zod';
import { RunSchema } from '../../../shared/schemas/bench';
import { REPORT_SCHEMA_ID, REPORT_VERSION, ReportSchema, type Report } from '../../../shared/schemas/report';

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

/**
 * Reads a report, whatever version wrote it. Current reports validate as they are; a bare run
 * (what `bench … --json` and `--export-json` wrote before reports existed, "version 0") is
 * wrapped into a current report without a machine; a report from a newer Tunebench is refused
 * rather than half-read.
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
    const parsed = ReportSchema.safeParse(value);
    if (!parsed.success) throw new ReportError(source, `invalid report: ${describe(parsed.error)}`);
    return parsed.data;
  }
  if ('results' in record && 'settings' in record && 'kind' in record) {
    const run = RunSchema.safeParse(value);
    if (!run.success) throw new ReportError(source, `invalid run export: ${describe(run.error)}`);
    return {
      schema: REPORT_SCHEMA_ID,
      version: REPORT_VERSION,
      generatedAt: run.data.finishedAt ?? run.data.startedAt,
      tool: { name: 'tunebench', version: 'unknown (run export)' },
      machine: null,
      project: null,
      runs: [run.data],
      comparisons: [],
      findings: [],
      appliedChanges: [],
    };
  }
  throw new ReportError(
    source,
    `not a Tunebench report: no "schema": "${REPORT_SCHEMA_ID}" field and not a run export`,
  );
}
