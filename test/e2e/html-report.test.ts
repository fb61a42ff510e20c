import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/main/core/bench/compare-runs';
import { buildReport } from '../../src/main/core/report/build';
import { renderHtmlReport } from '../../src/main/core/report/html';
import { RunSchema } from '../../src/shared/schemas/bench';
import { HardwareProfileSchema } from '../../src/shared/schemas/hardware';
import type { Report } from '../../src/shared/schemas/report';
import { launchChromium } from '../helpers/chromium';
import { assertBuilt, REPO_ROOT, runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const ARTIFACTS = join(REPO_ROOT, 'test-results');
const tempDir = useTempDirs();
let browser: Browser;
let report: Report;

async function cli(args: string[], home: string): Promise<unknown> {
  const result = await runCli(args, { TUNEBENCH_HOME: home }, 90_000);
  if (result.code !== 0) throw new Error(`tunebench ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const home = tempDir('tunebench-html-report-');
  // Two real runs of the real CLI, so the report shows what users will see: base, then head.
  const bench = ['bench', 'cpu', '--quick', '--only', 'gemm,latency,sort', '--json'];
  const base = RunSchema.parse(await cli(bench, home));
  const head = RunSchema.parse(await cli(bench, home));
  const machine = HardwareProfileSchema.parse(await cli(['hw', '--json'], home));
  report = buildReport({ machine, runs: [base, head], comparisons: [compareRuns(base, head)] });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('HTML report of real runs in Chromium', () => {
  it('loads nothing but itself, violates no CSP rule, and draws every chart', async () => {
    const file = join(tempDir('tunebench-html-'), 'report.html');
    writeFileSync(file, renderHtmlReport(report));
    const url = pathToFileURL(file).href;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Every request goes through the route (file:// included), and the request event sees anything
    // a route might not; only the document itself may load.
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
    expect(routed).toEqual([url]);
    expect(requested).toEqual([url]);
    expect(problems).toEqual([]);

    const summary = await page.getByRole('region', { name: 'Machine' }).innerText();
    expect(summary).toContain(report.machine!.cpu.model);
    expect(summary).toContain(`${report.machine!.cpu.threads} threads`);

    // One strip plot per result, each with its dots drawn.
    const results = report.runs.reduce((sum, r) => sum + r.results.length, 0);
    const strips = page.locator('svg.strip');
    expect(await strips.count()).toBe(results);
    for (const strip of await strips.all()) {
      const box = await strip.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(10);
    }

    // Latency and scaling curves for both runs, and the before/after bars of the comparison.
    const charts = [
      ...(await page.locator('figure[data-chart="latency"] svg').all()),
      ...(await page.locator('figure[data-chart="scaling"] svg').all()),
      ...(await page.locator('figure[data-chart="comparison"] svg').all()),
    ];
    expect(charts).toHaveLength(5);
    for (const chart of charts) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      // Marks actually drawn: the median line or the bars have a size of their own.
      const mark = chart.locator('polyline.series, rect.bar-head').first();
      const markBox = await mark.boundingBox();
      expect((markBox?.width ?? 0) + (markBox?.height ?? 0)).toBeGreaterThan(5);
    }
    expect(await page.locator('figure[data-chart="scaling"] polyline.reference').count()).toBe(2);

    // benchstat-style rows for every benchmark both runs measured.
    const table = page.getByRole('table', { name: /^Comparison table/ });
    const rows = report.comparisons[0]!.rows;
    expect(await table.locator('tbody tr:not(.verdict-note)').count()).toBe(rows.length + 1);
    // Two single-round runs with no history decide nothing: each such row says why, in a row of its own.
    const reasons = rows.filter((row) => row.comparison.reason).length;
    expect(await table.locator('tbody tr.verdict-note').count()).toBe(reasons);

    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-dark.png'), fullPage: true });

    // What the CLI will do for `--format pdf`: print it with Chromium.
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    // A4 less the 12 mm margins is ~703 CSS px: nothing may stick out of the printed page.
    await page.setViewportSize({ width: 703, height: 900 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(703);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(ARTIFACTS, 'html-report.pdf'), pdf);
    expect(routed).toEqual([url]);
    expect(requested).toEqual([url]);
    expect(problems).toEqual([]);
    expect(readFileSync(file, 'utf8').length).toBeLessThan(3 * 2 ** 20);
    await context.close();
  });
});
