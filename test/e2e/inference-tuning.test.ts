import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'tuning' });

describe('Inference auto-tuning on the Benchmarks page', () => {
  it('tunes the MLP, then shows the best configurations with gains, snippets and the latency/throughput chart', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('benchmarks');
    const form = page.getByRole('form', { name: 'Auto-tune inference settings' });
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Budget (s)').fill('6');
    await form.getByRole('button', { name: 'Tune' }).click();
    // The job is followed like a suite: the progress card names the round being measured.
    await expect
      .poll(() => page.getByTestId('job-progress').innerText(), { timeout: 60_000 })
      .toMatch(/Tuning builtin:mlp: (latency|throughput), round \d of \d/);
    const latency = page.getByRole('region', { name: 'Best for latency' });
    await latency.waitFor({ timeout: 90_000 });
    const text = await latency.innerText();
    expect(text).toMatch(/[\d.]+× p50 latency: [\d.]+ ms \(95 % CI [\d.]+–[\d.]+\), n=\d+ vs defaults [\d.]+ ms/);
    expect(text).toMatch(/Mann–Whitney p=/);
    expect(await latency.getByLabel('JavaScript snippet, Best for latency').innerText()).toContain(
      'ort.InferenceSession.create(',
    );
    expect(await latency.getByLabel('Python snippet, Best for latency').innerText()).toContain('ort.SessionOptions()');
    await latency.getByRole('button', { name: /Copy the Python snippet/ }).waitFor();
    await page.getByRole('region', { name: 'Best for throughput' }).waitFor();

    const chart = page.getByRole('figure', { name: /Latency and throughput of the tuned configurations/ });
    await chart.waitFor();
    expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/\d+ configurations; Pareto front: /);
    expect(await chart.locator('.recharts-scatter-symbol').count()).toBeGreaterThanOrEqual(3);
    // The same points as text: the table behind the disclosure.
    await chart.getByText(/All \d+ configurations as a table/).click();
    const table = chart.getByRole('table', { name: 'Tuned configurations: latency and throughput' });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await table.innerText()).toMatch(/defaults/);
    expect(await table.innerText()).toMatch(/Pareto/);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference-tuning.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
