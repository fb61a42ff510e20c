import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/main/core/bench/stats/summary';
import { openStore } from '../../src/main/core/store/database';
import { RunRepository } from '../../src/main/core/store/runs';
import type { BenchmarkResult } from '../../src/shared/schemas/bench';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const CPU_RUNS = 2600;
const PROJECT_RUNS = 12;
let slowRun = 0;
let fastRun = 0;

function result(id: string, title: string, unit: string, direction: BenchmarkResult['direction'], centre: number) {
  const samples = [0.97, 0.98, 0.99, 1, 1, 1.01, 1.02, 1.03].map((f) => f * centre);
  return {
    id,
    title,
    params: {},
    unit,
    direction,
    samples,
    summary: summarize(samples),
    plan: { warmupRuns: 0, minSamples: 6, maxSamples: 20, budgetMs: 1000, targetRelativeHalfWidth: 0.03 },
    stopReason: 'precision-reached' as const,
    warnings: [],
    extras: {},
  };
}

/**
 * A data folder with 2,600 CPU runs on two machines (a step up in GEMM speed two thirds of the way)
 * and a dozen project runs with commits, written with the engine's own repository: more points than
 * the chart draws, more rows than the tables render.
 */
function seed(home: string): void {
  const store = openStore(home);
  const runs = new RunRepository(store.db);
  const day = 86_400_000;
  const start = Date.UTC(2026, 0, 1);
  store.db
    .prepare('INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)')
    .run('aaaa111122223333', 'Ryzen Test 7950', 'workstation', 'now', 'now');
  const setStart = store.db.prepare('UPDATE runs SET started_at = ? WHERE id = ?');
  // Seeding speed only: this throwaway file need not survive a power cut.
  store.db.exec('PRAGMA synchronous = OFF');
  {
    for (let i = 0; i < CPU_RUNS; i += 1) {
      const fingerprint = i % 3 === 0 ? 'bbbb444455556666' : 'aaaa111122223333';
      const id = runs.start('cpu', 'CPU quick', fingerprint, { preset: 'quick', level: 'basic', options: {} });
      const gflops = (fingerprint.startsWith('a') ? 200 : 120) * (i > (CPU_RUNS * 2) / 3 ? 1.5 : 1) + (i % 7);
      runs.addResult(id, result('gemm-512-t1', 'FP32 GEMM 512³, 1 thread', 'GFLOP/s', 'higher-is-better', gflops));
      runs.finish(id, 'completed', { failures: [], warnings: [] });
      setStart.run(new Date(start + (i * day) / 10).toISOString(), id);
      if (i === 10) slowRun = id;
      if (i === CPU_RUNS - 3) fastRun = id;
    }
    for (let i = 0; i < PROJECT_RUNS; i += 1) {
      const commit = `${(0xabc0000 + i).toString(16)}${'0'.repeat(33)}`;
      const id = runs.start('project', `app @ ${commit.slice(0, 8)}`, 'aaaa111122223333', {
        preset: 'build',
        level: 'basic',
        options: { root: '/projects/app', commit, dirty: i === PROJECT_RUNS - 1 },
      });
      runs.addResult(id, result('build', 'build: npm run build', 'ms', 'lower-is-better', 9000 - i * 300));
      runs.finish(id, 'completed', { failures: [], warnings: [] });
      setStart.run(new Date(start + 300 * day + i * day).toISOString(), id);
    }
  }
  store.db.close();
}

const e2e = useApp({ name: 'history', seed });

describe('History page', () => {
  it('charts a metric over 2,600 runs per machine, thinned for display, with every value in a virtualised table', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('history');
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await page.getByLabel('Benchmark').selectOption({ label: `FP32 GEMM 512³, 1 thread (GFLOP/s) · ${CPU_RUNS} runs` });
    const figure = page.getByRole('figure', { name: 'FP32 GEMM 512³, 1 thread over time (GFLOP/s)' });
    await figure.waitFor();
    const count = await page.getByTestId('history-chart-count').innerText();
    const drawn = Number(/(\d+) of 2600 points drawn \(LTTB\)/.exec(count)?.[1]);
    expect(drawn).toBeGreaterThan(1900);
    expect(drawn).toBeLessThanOrEqual(2000);
    expect(count).toContain('2 machines');
    // One median line per machine, each with its CI band; the text alternative says it all in words.
    expect(await figure.locator('path.recharts-curve').count()).toBeGreaterThanOrEqual(2);
    expect(await figure.locator('.recharts-area-area').count()).toBe(2);
    const summary = await figure.locator('.history-chart-body').getAttribute('aria-label');
    expect(summary).toMatch(/2600 runs on 2 machines/);
    expect(summary).toMatch(/the chart draws \d+ of 2600 points \(LTTB\), the table lists all/);
    expect(await figure.locator('.recharts-legend-wrapper').innerText()).toContain('workstation · Ryzen Test 7950');

    // The table alternative keeps all 2,600 values but renders only those in view.
    await page.getByText(`Table of all ${CPU_RUNS} values`).click();
    const table = page.getByRole('table', { name: `FP32 GEMM 512³, 1 thread: all ${CPU_RUNS} values` });
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe(String(CPU_RUNS + 1));
    const rendered = await table.locator('tbody tr[aria-rowindex]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    await page.getByTestId('history-series-table').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await table.locator(`tr[aria-rowindex="${CPU_RUNS + 1}"]`).waitFor();
    expect(await table.locator(`tr[aria-rowindex="${CPU_RUNS + 1}"]`).innerText()).toMatch(/#1\s/);
    expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80);
    await page.screenshot({ path: join(ARTIFACTS, 'history-many-runs.png'), fullPage: true });

    // A project metric: few enough points to label each with its commit.
    await page.getByLabel('Benchmark').selectOption({ label: `build: npm run build (ms) · ${PROJECT_RUNS} runs` });
    const build = page.getByRole('figure', { name: 'build: npm run build over time (ms)' });
    await build.waitFor();
    const labels = (await build.locator('.recharts-label-list').allTextContents()).join(' ');
    expect(labels).toContain('abc00000');
    expect(labels).toContain('abc000b0');
    expect(await page.getByTestId('history-series-table').innerText()).toContain('abc000b0*');
    expect(errors).toEqual([]);
  });

  it('compares any two runs, picked from a virtualised list, with a verdict per benchmark', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await e2e.app.load('history');
    const runsTable = page.getByRole('table', { name: 'Stored runs to compare' });
    await runsTable.waitFor();
    expect(await runsTable.getAttribute('aria-rowcount')).toBe(String(CPU_RUNS + PROJECT_RUNS + 1));
    expect(await runsTable.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80);
    // The two newest runs are compared to start with.
    await page.getByRole('table', { name: /compared with run/ }).waitFor();

    await page.getByLabel('Filter runs').fill(`#${slowRun}`);
    await page.getByRole('button', { name: `Use run ${slowRun} as base` }).click();
    await page.getByLabel('Filter runs').fill(`#${fastRun}`);
    await page.getByRole('button', { name: `Use run ${fastRun} as head` }).click();
    expect(await page.getByRole('button', { name: `Use run ${fastRun} as head` }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const comparison = page.getByRole('table', { name: `Run ${slowRun} compared with run ${fastRun}` });
    await comparison.waitFor();
    expect(await comparison.innerText()).toMatch(/FP32 GEMM 512³, 1 thread\s.*\+\d+\.\d %.*faster/s);
    expect(await page.getByTestId('history-compare-choice').innerText()).toContain(`Base: #${slowRun} CPU quick`);
    await page.screenshot({ path: join(ARTIFACTS, 'history-compare.png'), fullPage: true });
  });
});
