import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({
  name: 'inference',
  async seed(home) {
    const seeded = await runCli(
      [
        'bench',
        'inference',
        '--model',
        'builtin:mlp',
        '--model',
        'builtin:mobilenet',
        '--precision',
        'fp32,int8',
        '--batch',
        '1,8',
      ],
      { TUNEBENCH_HOME: home },
      240_000,
    );
    if (seeded.code !== 0) throw new Error(`seeding an inference run failed: ${seeded.stderr}`);
  },
  timeout: 300_000,
});

describe('Inference results on the Benchmarks page', () => {
  it('shows the model × precision × device matrix with latency, spread, n, throughput and agreement', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await e2e.app.load('benchmarks');
    const matrix = page.getByRole('table', { name: 'Inference: models by precision, device and batch' });
    await matrix.waitFor({ timeout: 30_000 });
    const text = await matrix.innerText();
    expect(text).toMatch(/FP32 · cpu · b1/);
    expect(text).toMatch(/INT8 · cpu · b1/);
    expect(text).toMatch(/mlp/);
    expect(text).toMatch(/mobilenet/);
    expect(text).toMatch(/[\d.]+ ms ± [\d.]+ % \(n=\d+\)/);
    expect(text).toMatch(/cos 0\.9\d+ vs FP32/);

    // Throughput against batch size: one line per model · precision · device, with the numbers as a table.
    const chart = page.getByRole('figure', { name: 'Inference throughput by batch size (items/s)' });
    await chart.waitFor();
    expect(await chart.locator('path.recharts-curve').count()).toBe(4);
    const table = await chart
      .getByRole('table', { name: 'Inference throughput by batch size, as a table' })
      .innerText();
    expect(table).toMatch(/mlp · INT8 · cpu\t8\t[\d.]+\t[\d.]+–[\d.]+\t\d+/);
    expect(table.trim().split('\n')).toHaveLength(1 + 4 * 2);
    await chart.screenshot({ path: join(ARTIFACTS, 'inference-throughput-by-batch.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference.png'), fullPage: true });
  });
});
