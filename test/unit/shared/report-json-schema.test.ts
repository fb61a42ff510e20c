import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPORT_VERSION, ReportSchema } from '../../../src/shared/schemas/report';

const FILE = fileURLToPath(new URL('../../../resources/report.schema.json', import.meta.url));

/** The report schema as JSON Schema, for tools that are not Tunebench. */
function generated(): string {
  const schema = z.toJSONSchema(ReportSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ $id: `https://tunebench.dev/schemas/report-v${REPORT_VERSION}.json`, title: 'Tunebench report', ...schema }, null, 2)}\n`;
}

describe('resources/report.schema.json', () => {
  it('is the JSON Schema of the zod report schema (UPDATE_SCHEMA=1 regenerates it)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(FILE, generated());
    expect(readFileSync(FILE, 'utf8')).toBe(generated());
    const parsed = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(parsed.properties.version).toEqual({ type: 'number', const: 2 });
    expect(parsed.required).toEqual(
      expect.arrayContaining(['schema', 'version', 'machine', 'runs', 'findings', 'appliedChanges']),
    );
    // v2: the real findings and applied changes (with their verification), the score on the project.
    expect(parsed.properties.findings.items.required).toEqual(
      expect.arrayContaining(['ruleId', 'evidence', 'ranking']),
    );
    const change = parsed.properties.appliedChanges.items;
    expect(change.required).toEqual(expect.arrayContaining(['verification', 'diff', 'status']));
    expect(JSON.stringify(parsed.properties.project)).toContain('"tuningScore"');
    // Telemetry over time is optional, so runs stored before it still validate.
    expect(JSON.stringify(parsed.properties.runs)).toContain('"series"');
  });
});
