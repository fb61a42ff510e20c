import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../../src/main/core/bench/compare-runs';
import { budgetFromFile, checkBudget, parseFraction } from '../../../../../src/main/core/report/budgets';
import { buildReport } from '../../../../../src/main/core/report/build';
import { renderCsv } from '../../../../../src/main/core/report/csv';
import { loadReport } from '../../../../../src/main/core/report/load';
import { renderMarkdown } from '../../../../../src/main/core/report/markdown';
import type { Run } from '../../../../../src/shared/schemas/bench';

const base = loadReport(
  readFileSync(
    fileURLToPath(new URL('../../../../fixtures/reports/v0-run-export-sleep.json', import.meta.url)),
    'utf8',
  ),
).runs[0]!;
/** The same run with every wall-time sample 10 % higher: a controlled regression. */
function slowed(run: Run, factor: number): Run {
  return {
    ...run,
    id: run.id + 1,
    results: run.results.map((r) =>
      r.id.includes(':')
        ? r
        : {
            ...r,
            samples: r.samples.map((v) => v * factor),
            summary: { ...r.summary, median: r.summary.median * factor },
          },
    ),
  };
}

/** What this machine's stored history would give: a 3 % between-run floor from 6 earlier runs. */
const withHistory = { floors: () => ({ floor: { relative: 0.03, runs: 6 }, historyRuns: 6 }) };

describe('CSV', () => {
  it('has one row per sample with run, benchmark, parameters and unit, quoted where needed', () => {
    const csv = renderCsv(buildReport({ machine: null, runs: [base] }));
    const lines = csv.trimEnd().split('\r\n');
    const samples = base.results.reduce((n, r) => n + r.samples.length, 0);
    expect(lines).toHaveLength(samples + 1);
    expect(lines[0]).toBe(
      'run_id,run_name,machine,benchmark_id,benchmark,parameters,unit,direction,sample_index,value',
    );
    expect(lines[1]).toMatch(
      /^1,sleep 0\.01,[0-9a-f]+,1-sleep_0\.01,sleep 0\.01,"commands=.*",ms,lower-is-better,0,[\d.]+$/,
    );
  });
});

describe('Markdown', () => {
  it('gives the before/after table with change, CI, p and verdict, and the machine line', () => {
    const comparison = compareRuns(base, slowed(base, 1.1), withHistory);
    const md = renderMarkdown(buildReport({ machine: null, runs: [], comparisons: [comparison] }));
    expect(md).toContain('| Benchmark | Base | Head | Change [95 % CI] | p | Verdict |');
    expect(md).toMatch(
      /\| sleep 0\.01 \| [\d.]+ ms \(n=6\) \| [\d.]+ ms \(n=6\) \| \+10\.0 % \[.*\] \| [\d.<]+ \| 🔴 slower \[1\] \|/,
    );
    expect(md).toContain('[1] noise floor ±3.0 % from 6 runs');
    expect(md).toContain('_Machine not recorded in this report._');
  });

  it('says inconclusive, and why once, when separate runs cannot decide', () => {
    const comparison = compareRuns(base, slowed(base, 1.1));
    const md = renderMarkdown(buildReport({ machine: null, runs: [], comparisons: [comparison] }));
    expect(md).toMatch(/\| \? \(\+10\.0 %\) \| [\d.<]+ \| 🟡 inconclusive \[1\] \|/);
    expect(md.match(/\[1\] inconclusive: one round per run and no noise floor/g)).toHaveLength(1);
  });
});

describe('budgets', () => {
  it('breaks a 5 % budget on a significant 10 % slowdown, and not a 15 % one', () => {
    const comparison = compareRuns(base, slowed(base, 1.1), withHistory);
    expect(checkBudget(comparison, { defaultMaxSlowdown: 0.05, rules: [] })).toMatchObject([
      { title: 'sleep 0.01', limit: 0.05 },
    ]);
    expect(checkBudget(comparison, { defaultMaxSlowdown: 0.15, rules: [] })).toEqual([]);
    expect(checkBudget(compareRuns(base, base, withHistory), { defaultMaxSlowdown: 0, rules: [] })).toEqual([]);
  });

  it('is never broken by an inconclusive comparison, however large the change', () => {
    const comparison = compareRuns(base, slowed(base, 1.5));
    expect(comparison.rows.find((row) => row.title === 'sleep 0.01')?.comparison.verdict).toBe('inconclusive');
    expect(checkBudget(comparison, { defaultMaxSlowdown: 0.05, rules: [] })).toEqual([]);
  });

  it('reads per-benchmark limits from a budget file and reports bad ones with their place', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'tunebench-budget-'));
    const good = join(dir, 'budget.json');
    writeFileSync(
      good,
      JSON.stringify({ default: { maxSlowdown: '50%' }, benchmarks: { '1-sleep*': { maxSlowdown: '5%' } } }),
    );
    const budget = budgetFromFile(good);
    expect(checkBudget(compareRuns(base, slowed(base, 1.1), withHistory), budget)).toHaveLength(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ benchmarks: { 'x*': { maxSlowdown: 'a lot' } } }));
    expect(() => budgetFromFile(bad)).toThrow(
      `budget file ${bad}: benchmarks.x*.maxSlowdown: "a lot" is not a percentage`,
    );
    writeFileSync(bad, '{"default": {"max": "5%"}}');
    expect(() => budgetFromFile(bad)).toThrow(/budget file .*bad\.json: default\.maxSlowdown: /);
    expect(parseFraction('5%')).toBe(0.05);
    expect(parseFraction('0.05')).toBe(0.05);
  });
});
