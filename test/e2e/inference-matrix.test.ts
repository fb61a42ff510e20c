import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT, runCli } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve';

const ARTIFACTS = join(REPO_ROOT, 'test-results');
let browser: Browser;
let serve: ServeProcess;

beforeAll(async () => {
  assertBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const home = mkdtempSync(join(os.tmpdir(), 'tunebench-e2e-inference-'));
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
      '1',
    ],
    { TUNEBENCH_HOME: home },
    240_000,
  );
  if (seeded.code !== 0) throw new Error(`seeding an inference run failed: ${seeded.stderr}`);
  serve = await startServe({ TUNEBENCH_HOME: home });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('Inference results on the Benchmarks page', () => {
  it('shows the model × precision × device matrix with latency, spread, n, throughput and agreement', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${serve.url}#/benchmarks`);
    const matrix = page.getByRole('table', { name: 'Inference: models by precision, device and batch' });
    await matrix.waitFor({ timeout: 30_000 });
    const text = await matrix.innerText();
    expect(text).toMatch(/FP32 · cpu · b1/);
    expect(text).toMatch(/INT8 · cpu · b1/);
    expect(text).toMatch(/mlp/);
    expect(text).toMatch(/mobilenet/);
    expect(text).toMatch(/[\d.]+ ms ± [\d.]+ % \(n=\d+\)/);
    expect(text).toMatch(/cos 0\.9\d+ vs FP32/);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-inference.png'), fullPage: true });
    await page.close();
  });
});
