import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../../src/main/core/bench/stats/summary';
import { buildReport } from '../../../../../src/main/core/report/build';
import { loadReport } from '../../../../../src/main/core/report/load';
import { renderReport } from '../../../../../src/main/core/report/render';
import { REPORT_VERSION } from '../../../../../src/shared/schemas/report';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../fixtures/reports/${name}`, import.meta.url)), 'utf8');
const OLD_EXPORT = fixture('v0-run-export-sleep.json');
/** Written by `tunebench report 2 --vs 1 --format json` of the v1 code (see the fixtures' README). */
const V1_REPORT = fixture('v1-report-cpu-sort-comparison.json');

/**
 * A stored summary, recomputed from its samples. Reports written before the precision became the larger of the
 * median CI's two half-widths hold their mean: that one figure is recomputed the old way, everything else as now.
 */
function recomputed(result: { samples: number[]; summary: { medianCi: [number, number] | null; median: number } }) {
  const summary = summarize(result.samples);
  const ci = summary.medianCi;
  return {
    ...summary,
    relativeHalfWidth: ci && summary.median !== 0 ? (ci[1] - ci[0]) / 2 / Math.abs(summary.median) : null,
  };
}

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
    for (const result of again.runs[0]!.results) expect(recomputed(result)).toEqual(result.summary);
  });

  it('upgrades a v1 report (written by the v1 code) to the current version, keeping every run, sample and comparison', async () => {
    const original = JSON.parse(V1_REPORT);
    expect(original.version).toBe(1);
    const report = loadReport(V1_REPORT, 'v1.json');
    expect(REPORT_VERSION).toBe(2);
    expect(report.version).toBe(2);
    expect(report.machine).toEqual(original.machine);
    expect(report.runs).toEqual(original.runs);
    expect(report.comparisons).toEqual(original.comparisons);
    expect(report.generatedAt).toBe(original.generatedAt);
    // v1 placeholders were empty: nothing to keep, so no legacy note; no tuning score was recorded.
    expect(report).toMatchObject({ project: null, findings: [], appliedChanges: [] });
    expect(report.legacy).toBeUndefined();
    // Runs stored before the telemetry series existed keep their summary and have no series.
    expect(report.runs[0]!.telemetry).toMatchObject({ samples: expect.any(Number), cpuMeanPct: expect.any(Number) });
    expect(report.runs[0]!.telemetry!.series).toBeUndefined();
    for (const run of report.runs) {
      for (const result of run.results) expect(recomputed(result)).toEqual(result.summary);
    }
    // It renders in every text format.
    expect(String((await renderReport(report, 'html')).content)).toContain('Comparison:');
    expect(String((await renderReport(report, 'md')).content)).toContain('| Benchmark | Base | Head |');
  });

  it('keeps the entries of a v1 report that has placeholder findings or changes under "legacy", never drops them', () => {
    const v1 = JSON.parse(V1_REPORT);
    v1.project = { root: '/src/app', commit: 'abc123', branch: 'main', dirty: false };
    v1.findings = [{ rule: 'rust.lto', title: 'Enable LTO', evidence: 'Cargo.toml:12', extra: 'kept too' }];
    v1.appliedChanges = [{ rule: 'rust.lto', verdict: 'improved' }];
    const report = loadReport(JSON.stringify(v1), 'v1-with-entries.json');
    expect(report.findings).toEqual([]);
    expect(report.appliedChanges).toEqual([]);
    expect(report.project).toEqual({ ...v1.project, tuningScore: null, tuningProblems: [] });
    expect(report.legacy).toEqual({
      note: expect.stringMatching(/^Upgraded from report schema v1/),
      findings: v1.findings,
      appliedChanges: v1.appliedChanges,
    });
    // …and it survives a round trip of the upgraded report.
    expect(loadReport(JSON.stringify(report))).toEqual(report);
  });

  it('names the v1 schema when a v1 report is invalid, and refuses a version that never existed', () => {
    const v1 = JSON.parse(V1_REPORT);
    v1.findings = [{ rule: 'x' }];
    expect(() => loadReport(JSON.stringify(v1), 'bad-v1.json')).toThrow(
      /^bad-v1\.json: invalid report \(schema v1\): findings\[0\]\.title: /,
    );
    expect(() => loadReport(JSON.stringify({ ...JSON.parse(V1_REPORT), version: 0 }), 'zero.json')).toThrow(
      `zero.json: report schema version 0 does not exist (known: 1 to ${REPORT_VERSION})`,
    );
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
