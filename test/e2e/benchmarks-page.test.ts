import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({
  name: 'bench',
  // A real stored run to look at: GEMM thread scaling, the latency curve, and JS work.
  async seed(home) {
    const seeded = await runCli(
      ['bench', 'cpu', '--quick', '--only', 'gemm,latency,sort,json-parse', '--save-baseline', 'seed'],
      { TUNEBENCH_HOME: home },
      180_000,
    );
    if (seeded.code !== 0) throw new Error(`seeding a run failed: ${seeded.stderr}`);
  },
  timeout: 240_000,
});

describe('Benchmarks page', () => {
  it('shows the stored run with units, CIs, sample counts, distributions and curves', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await e2e.app.load('benchmarks');
    const table = page.getByRole('table', { name: /Results of run/ });
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/FP32 GEMM 512³, 1 thread\s+[\d.]+ GFLOP\/s\s+± [\d.]+ %\s+\d+/);
    expect(text).toMatch(/Memory latency, 16 KiB\s+[\d.]+ ns/);
    expect(await table.getByRole('img').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('figure', { name: 'Memory latency by working set (ns)' }).waitFor();
    const latencyLines = await page
      .getByRole('figure', { name: 'Memory latency by working set (ns)' })
      .locator('path.recharts-curve')
      .count();
    expect(latencyLines).toBeGreaterThanOrEqual(1);
    await page.getByRole('figure', { name: 'GEMM thread scaling (GFLOP/s)' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-page.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('runs a preset with live progress and cancels it', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await e2e.app.load('benchmarks');
    await page.getByRole('button', { name: 'Run Quick' }).click();
    const progress = page.getByTestId('job-progress');
    // Either the job shows up, or the page says why it could not start (then fail with that text).
    await page.locator('[data-testid="job-progress"], [role="alert"]').first().waitFor({ timeout: 90_000 });
    const alert = page.getByRole('alert');
    if ((await alert.count()) > 0) throw new Error(`the run did not start: ${await alert.first().innerText()}`);
    await expect.poll(() => progress.innerText(), { timeout: 90_000 }).toMatch(/\d+\/\d+ (FP32 GEMM|STREAM|Memory)/);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-running.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => progress.count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => page.getByRole('list', { name: 'Stored runs' }).innerText(), { timeout: 10_000 })
      .toMatch(/cancelled/);
  });
});
