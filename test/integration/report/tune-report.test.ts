import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/main/core/report/build';
import { renderCsv } from '../../../src/main/core/report/csv';
import { reportHandlers } from '../../../src/main/core/report/handlers';
import { loadReport } from '../../../src/main/core/report/load';
import { renderReport } from '../../../src/main/core/report/render';
import { RunRepository } from '../../../src/main/core/store/runs';
import { apiMethods } from '../../../src/shared/contract';
import type { Report } from '../../../src/shared/schemas/report';
import { AppliedChangeSchema, type FindingsReport, type MetricVerdict } from '../../../src/shared/schemas/tune';
import { git } from '../../helpers/fixture-project';
import { tuneReportData, type TuneReportData } from '../../helpers/tune-report-data';
import { cpuRun, machine } from '../../unit/main/core/report/html/fixtures';
import { unbalancedTags } from '../../unit/main/core/report/html/well-formed';

// One project and store for the whole file (useTempDirs removes its folders after each test).
const dir = mkdtempSync(join(tmpdir(), 'tunebench-tune-report-'));
let data: TuneReportData;
let findings: FindingsReport;
let handlers: ReturnType<typeof reportHandlers>;

const render = (format: 'json' | 'html' | 'md' | 'csv' | 'pdf') =>
  handlers['report.renderTune'](apiMethods['report.renderTune'].input.parse({ root: data.root, format }));

beforeAll(async () => {
  data = await tuneReportData(dir);
  findings = (await data.service.analyse(data.root)).report;
  handlers = reportHandlers({
    runs: new RunRepository(data.store.db),
    profile: async () => machine(),
    storeError: null,
    tune: data.service,
  });
}, 60_000);

afterAll(() => {
  data?.store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Independent of the renderer's helpers: "+12.3 %", "-4.0 %". */
function pct(fraction: number): string {
  const text = `${(fraction * 100).toFixed(1)} %`;
  return fraction > 0 ? `+${text}` : text;
}

describe('report.renderTune: a project’s recommendations from the real tuning engine and store', () => {
  it('JSON round trip: export → load gives the same report, findings, score and every verification number', async () => {
    const json = await render('json');
    expect(json).toMatchObject({
      fileName: 'tunebench-tune-rust-hash.json',
      mime: 'application/json',
      encoding: 'utf8',
    });
    const exported = JSON.parse(json.content);
    const loaded = loadReport(json.content, json.fileName);
    expect(loaded).toEqual(exported);
    expect((await renderReport(loaded, 'json')).content).toBe(json.content);

    expect(loaded.version).toBe(2);
    expect(loaded.findings).toEqual(findings.findings);
    const gains = loaded.findings.map((f) => f.ranking.expectedGain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    expect(loaded.project).toEqual({
      root: data.root,
      commit: git(data.root, 'rev-parse', 'HEAD').trim(),
      branch: 'main',
      dirty: false,
      tuningScore: findings.score,
      tuningProblems: findings.problems,
    });
    expect(loaded.project!.tuningScore!.formula).toMatch(/^score = 100 − Σ min\(15, /);
    // The public record of each change (not the stored edits), verification numbers unchanged.
    expect(loaded.appliedChanges).toEqual(data.changes.map((change) => AppliedChangeSchema.parse(change)));
    expect(loaded.appliedChanges.map((c) => c.verification!.overall)).toEqual(
      data.changes.map((c) => c.verification!.overall),
    );
    expect(loaded.appliedChanges.map((c) => c.verification!.metrics)).toEqual(
      data.changes.map((c) => c.verification!.metrics),
    );
    expect(loaded.runs).toEqual([]);
  });

  it('Markdown: the score with its formula, the ranked findings, and a before/after table per change whose numbers are the verification’s', async () => {
    const md = (await render('md')).content;
    expect(md).toContain(`### Tuning score: **${findings.score.score}**/100`);
    expect(md).toContain(`_${findings.score.formula}_`);
    expect(md).toContain('| # | Finding | Where | Expected gain | P(improves) [90 %] | Effect | Risk | Effort |');
    findings.findings.forEach((f, i) => {
      expect(md).toContain(`| ${i + 1} | ${f.rule.title}<br>${f.message.replace(/\|/g, '\\|')} | \``);
      expect(md).toContain(
        `| ${(f.ranking.expectedGain * 100).toFixed(2)} points | ${f.ranking.pImprove.toFixed(2)} [`,
      );
    });
    expect(md).toContain('| Metric | Before | After | Change | 95 % CI | p | Verdict |');
    const rows = md.split('\n').filter((line) => /^\| (bench|artifacts):/.test(line));
    const metrics = data.changes.flatMap((c) => c.verification!.metrics);
    expect(rows).toHaveLength(metrics.length);
    metrics.forEach((m: MetricVerdict, i) => {
      const cells = rows[i]!.split(' | ');
      expect(cells[0]).toBe(`| ${m.title}`);
      const value = (v: number) =>
        m.unit === 'B'
          ? `${(v / 1024).toPrecision(4)} KiB`
          : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3)} ms`;
      expect(cells[1]).toBe(`${value(m.baseline.median)} (n=${m.baseline.n})`);
      expect(cells[2]).toBe(`${value(m.candidate.median)} (n=${m.candidate.n})`);
      expect(cells[3]).toBe(pct(m.change));
      expect(cells[4]).toBe(m.pValue === null ? 'exact' : `[${pct(m.ciLow)}, ${pct(m.ciHigh)}]`);
      expect(cells[5]).toBe(m.pValue === null ? '–' : m.pValue < 0.001 ? '<0.001' : m.pValue.toFixed(3));
      expect(cells[6]).toBe(
        {
          better: '🟢 better |',
          worse: '🔴 worse |',
          same: '⚪ no significant change |',
          inconclusive: '🟡 inconclusive |',
        }[m.verdict],
      );
    });
    // The kept change improved (a real sort made 10× faster, a real gzip made smaller); the discarded one regressed.
    const [third, second, first] = data.changes;
    expect(first!.verification!.overall).toBe('improved');
    expect(second!.verification!.overall).toBe('regressed');
    expect(md).toContain(`#### Change #${first!.id}: \`${first!.findingId}\` — 🟢 improved (kept, branch`);
    expect(md).toContain(`#### Change #${second!.id}: \`${second!.findingId}\` — 🔴 regressed (discarded)`);
    expect(md).toContain(`#### Change #${third!.id}: \`${third!.findingId}\``);
  });

  it('HTML: a Recommendations section with bars and 95 % CI whiskers per metric, red for a regression, nothing external', async () => {
    const page = (await render('html')).content;
    expect(page).toContain('<section class="recommendations" id="recommendations" aria-label="Recommendations">');
    expect(page).toContain(`<span class="score-value">${findings.score.score}</span>`);
    expect(page).toContain(findings.score.formula);
    expect(page.match(/<li class="card finding"/g)).toHaveLength(findings.findings.length);
    // One before/after chart per change, one bar pair per metric; whiskers where the CI is not a point.
    const charts = page.match(/<figure class="chart" data-chart="change"[\s\S]*?<\/figure>/g) ?? [];
    expect(charts).toHaveLength(data.changes.length);
    charts.forEach((chart, i) => {
      const metrics = data.changes[i]!.verification!.metrics;
      // (+ 1: the legend's sample of each.)
      expect(chart.match(/<rect\s+class="bar-base"/g)).toHaveLength(metrics.length + 1);
      expect(chart.match(/<rect\s+class="bar-head verdict-(better|worse|same)"/g)).toHaveLength(metrics.length + 1);
      const timed = metrics.filter((m) => m.pValue !== null).length;
      expect(chart.match(/<line\s+class="whisker"/g)?.length ?? 0).toBe(timed * 2 * 3 + 1);
    });
    const [, regressed, improved] = data.changes;
    const card = (id: number) =>
      page.match(new RegExp(`<article class="card change" id="change-${id}"[\\s\\S]*?</article>`))![0];
    expect(card(regressed!.id)).toContain(
      '<span class="overall overall-bad" data-verdict="regressed">regressed</span>',
    );
    expect(card(regressed!.id)).toMatch(/<rect\s+class="bar-head verdict-worse"/);
    expect(card(regressed!.id)).toContain('<td class="verdict-worse">worse</td>');
    expect(card(improved!.id)).toContain('<span class="overall overall-good" data-verdict="improved">improved</span>');
    expect(card(improved!.id)).toContain('<pre class="diff">');
    // Nothing to fetch: no scripts, no external resources, a CSP that forbids them anyway.
    expect(page).not.toMatch(/<script|<link|<img|src=|url\(|@import/);
    expect(page).not.toMatch(/href="(?!#)/);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toContain('aria-label="Runs"');
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('CSV: one row per applied change, metric and side', async () => {
    const csv = await render('csv');
    const lines = csv.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'change_id,finding_id,rule_id,status,overall,metric,title,unit,side,median,n,median_ci_low,median_ci_high,relative_change,change_ci_low,change_ci_high,p_value,verdict',
    );
    const metrics = data.changes.flatMap((c) => c.verification!.metrics.map((m) => ({ c, m })));
    expect(lines).toHaveLength(1 + metrics.length * 2);
    const { c, m } = metrics[0]!;
    expect(lines[1]).toBe(
      [
        c.id,
        c.findingId,
        c.ruleId,
        c.status,
        c.verification!.overall,
        m.metric,
        `"${m.title}"`,
        m.unit,
        'baseline',
        m.baseline.median,
        m.baseline.n,
        m.baseline.low,
        m.baseline.high,
        m.change,
        m.ciLow,
        m.ciHigh,
        m.pValue,
        m.verdict,
      ].join(','),
    );
    expect(lines[2]).toContain(`,candidate,${m.candidate.median},${m.candidate.n},`);
  });

  it('PDF: printed by Chromium', async () => {
    const pdf = await render('pdf');
    expect(pdf).toMatchObject({
      fileName: 'tunebench-tune-rust-hash.pdf',
      mime: 'application/pdf',
      encoding: 'base64',
    });
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('refuses a CSV that would mix runs and changes, and says why without a database', async () => {
    const report: Report = buildReport({
      machine: null,
      runs: [cpuRun(1, 3)],
      tuning: { findings, changes: data.changes },
    });
    expect(() => renderCsv(report)).toThrow(/^CSV holds one table: this report has both runs/);
    const noStore = reportHandlers({ runs: null, profile: async () => machine(), storeError: 'disk full', tune: null });
    await expect(
      noStore['report.renderTune']({ root: data.root, format: 'md', runIds: [], compare: false }),
    ).rejects.toThrow('tuning needs the local database, which is unavailable: disk full');
    await expect(
      handlers['report.renderTune']({ root: data.root, format: 'md', runIds: [], compare: true }),
    ).rejects.toThrow(/exactly two runs/);
  });
});
