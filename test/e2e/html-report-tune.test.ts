import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../src/main/core/report/load';
import { RunSchema, type Run } from '../../src/shared/schemas/bench';
import type { Report } from '../../src/shared/schemas/report';
import { launchChromium } from '../helpers/chromium';
import { assertBuilt, REPO_ROOT, runCli } from '../helpers/cli';
import { tuneReportData, type TuneReportData } from '../helpers/tune-report-data';

const ARTIFACTS = join(REPO_ROOT, 'test-results');
// One folder for the whole file: the report written in beforeAll is opened by the tests.
const dir = mkdtempSync(join(tmpdir(), 'tunebench-html-report-tune-'));
let browser: Browser;
let data: TuneReportData;
let home: string;
let run: Run;
let htmlFile: string;
let report: Report;

async function cli(args: string[]): Promise<string> {
  const result = await runCli(args, { TUNEBENCH_HOME: home }, 90_000);
  if (result.code !== 0) throw new Error(`tunebench ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  // Findings from the real rules on a fixture project, changes stored through the real repository
  // with verdicts computed on real measurements; the CLI then reads them from the same data folder.
  data = await tuneReportData(dir);
  data.store.db.close();
  home = join(dir, 'data');
  // A real CPU run of the real CLI, with its telemetry over time.
  run = RunSchema.parse(JSON.parse(await cli(['bench', 'cpu', '--quick', '--only', 'sort', '--json'])));
  htmlFile = join(dir, 'tuning.html');
  await cli(['report', String(run.id), '--tune', data.root, '--format', 'html', '-o', htmlFile]);
  const jsonFile = join(dir, 'tuning.json');
  await cli(['report', String(run.id), '--tune', data.root, '--format', 'json', '-o', jsonFile]);
  report = loadReport(readFileSync(jsonFile, 'utf8'), jsonFile);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recommendations report (tunebench report --tune) in Chromium', () => {
  it('the CLI writes the findings, score, changes and the run with its telemetry series', async () => {
    expect(report.version).toBe(2);
    expect(report.project?.root).toBe(data.root);
    expect(report.project?.tuningScore?.score).toEqual(expect.any(Number));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.appliedChanges.map((c) => c.id)).toEqual(data.changes.map((c) => c.id));
    expect(report.appliedChanges.map((c) => c.verification)).toEqual(data.changes.map((c) => c.verification));
    expect(report.runs.map((r) => r.id)).toEqual([run.id]);
    expect(report.runs[0]!.telemetry?.series?.points.length).toBeGreaterThanOrEqual(1);
    // Markdown for a pull request, on stdout.
    const md = await cli(['report', '--tune', data.root, '--format', 'md']);
    expect(md).toContain('| Metric | Before | After | Change | 95 % CI | p | Verdict |');
    expect(md).toContain(`### Tuning score: **${report.project!.tuningScore!.score}**/100`);
    // CSV holds one table: changes alone are fine, changes with runs are refused with the reason.
    const csv = await cli(['report', '--tune', data.root, '--format', 'csv']);
    expect(csv.split('\r\n')[0]).toMatch(/^change_id,finding_id,rule_id,status,overall,metric,/);
    const mixed = await runCli(['report', String(run.id), '--tune', data.root, '--format', 'csv'], {
      TUNEBENCH_HOME: home,
    });
    expect(mixed.code).not.toBe(0);
    expect(mixed.stderr).toContain('CSV holds one table');
    // The old form still works and a bare `report` says what it needs.
    expect(await cli(['report', String(run.id), '--format', 'md'])).toContain('| Benchmark | Median | 95 % CI | n |');
    const bare = await runCli(['report'], { TUNEBENCH_HOME: home });
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('give a run (id, "latest" or a baseline name) or --tune <project folder>');
  });

  it('loads nothing but itself and draws the before/after bars and the telemetry chart', async () => {
    const url = pathToFileURL(htmlFile).href;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const routed: string[] = [];
    const requested: string[] = [];
    await context.route('**/*', (route) => {
      routed.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    const problems: string[] = [];
    page.on('console', (message) => problems.push(`console ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

    await page.goto(url);
    await page.getByRole('heading', { name: 'Tunebench report', level: 1 }).waitFor();
    const recommendations = page.getByRole('region', { name: 'Recommendations' });
    await recommendations.waitFor();
    expect(await recommendations.locator('.score-value').innerText()).toBe(String(report.project!.tuningScore!.score));
    expect(await recommendations.locator('li.finding').count()).toBe(report.findings.length);

    // One before/after chart per change; every bar has a size, the regression's is red.
    const charts = await page.locator('figure[data-chart="change"] svg').all();
    expect(charts).toHaveLength(report.appliedChanges.length);
    for (const chart of charts) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      for (const bar of await chart.locator('rect.bar-head').all()) {
        const barBox = await bar.boundingBox();
        expect(barBox?.width).toBeGreaterThan(0);
      }
    }
    const regressed = report.appliedChanges.find((c) => c.verification?.overall === 'regressed')!;
    const badge = page.locator(`#change-${regressed.id} .overall`);
    expect(await badge.innerText()).toBe('regressed');
    const style = (selector: string, property: string) =>
      page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
    const badgeColour = await style(`#change-${regressed.id} .overall`, 'backgroundColor');
    const barColour = await style(`#change-${regressed.id} rect.bar-head.verdict-worse`, 'fill');
    const errorColour = await page.evaluate<string>(
      "getComputedStyle(document.documentElement).getPropertyValue('--error').trim()",
    );
    expect(errorColour).toBe('#c53030');
    expect(badgeColour).toBe('rgb(197, 48, 48)');
    expect(barColour).toBe('rgb(197, 48, 48)');

    // The run's telemetry over time, drawn, with its numbers as text.
    const telemetry = page.locator('figure[data-chart="telemetry"]');
    expect(report.runs[0]!.telemetry!.series!.points.length).toBeGreaterThanOrEqual(2);
    const box = await telemetry.locator('svg').boundingBox();
    expect(box?.height).toBeGreaterThan(150);
    const line = await telemetry.locator('path.ts-cpu').boundingBox();
    expect((line?.width ?? 0) + (line?.height ?? 0)).toBeGreaterThan(5);
    expect(await telemetry.getByRole('table').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);

    await page.screenshot({ path: join(ARTIFACTS, 'html-report-tune.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-tune-dark.png'), fullPage: true });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.setViewportSize({ width: 703, height: 900 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(703);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(routed).toEqual([url]);
    expect(requested).toEqual([url]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
