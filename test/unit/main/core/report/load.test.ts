import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../../src/main/core/bench/stats/summary';
import { buildReport } from '../../../../../src/main/core/report/build';
import { loadReport } from '../../../../../src/main/core/report/load';
import { REPORT_VERSION } from '../../../../../src/shared/schemas/report';

const OLD_EXPORT = readFileSync(
  fileURLToPath(new URL('../../../../fixtures/reports/v0-run-export-sleep.json', import.meta.url)),
  'utf8',
);

describe('loadReport', () => {
  it('reads a run export written before the report schema existed (version 0), without a machine', () => {
    const report = loadReport(OLD_EXPORT, 'old.json');
    expect(report.version).toBe(REPORT_VERSION);
    expect(report.machine).toBeNull();
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]!.telemetry).toBeNull();
    const wall = report.runs[0]!.results[0]!;
    expect(wall.samples).toHaveLength(6);
  });

  it('round-trips: JSON export → import gives identical samples and statistics, recomputable from the samples', () => {
    const original = loadReport(OLD_EXPORT);
    const report = buildReport({ machine: null, runs: original.runs });
    const again = loadReport(JSON.stringify(report), 'roundtrip.json');
    expect(again).toEqual(report);
    for (const result of again.runs[0]!.results) expect(summarize(result.samples)).toEqual(result.summary);
  });

  it('refuses a report from a newer Tunebench with a clear message', () => {
    const future = JSON.stringify({ ...buildReport({ machine: null, runs: [] }), version: REPORT_VERSION + 1 });
    expect(() => loadReport(future, 'future.json')).toThrow(
      `future.json: report schema version ${REPORT_VERSION + 1} is newer than this Tunebench understands (${REPORT_VERSION}): update Tunebench to read it`,
    );
  });

  it('names the file and the JSON path of what is wrong in a hand-edited report', () => {
    const report = JSON.parse(JSON.stringify(buildReport({ machine: null, runs: loadReport(OLD_EXPORT).runs })));
    report.runs[0].results[0].samples[3] = 'fast';
    expect(() => loadReport(JSON.stringify(report), 'edited.json')).toThrow(
      /^edited\.json: invalid report: runs\[0\]\.results\[0\]\.samples\[3\]: /,
    );
  });

  it('says a truncated file is not valid JSON, and an unrelated JSON file is not a report', () => {
    expect(() => loadReport(OLD_EXPORT.slice(0, 500), 'cut.json')).toThrow(
      /^cut\.json: not valid JSON \(truncated or hand-edited\?\)/,
    );
    expect(() => loadReport('{"name":"package"}', 'package.json')).toThrow(/not a Tunebench report/);
    expect(() => loadReport('[1,2]', 'array.json')).toThrow(/expected a JSON object/);
  });
});
