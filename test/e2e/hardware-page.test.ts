import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appTarget } from '../helpers/app-target';
import { useTempDirs } from '../helpers/temp-dir';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const tempDir = useTempDirs();

const e2e = useApp({ name: 'hardware' });

const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? '';

describe('Hardware page', () => {
  it('shows this machine and live telemetry, with no CSP violations or page errors', async () => {
    tempDir();
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

    await e2e.app.load('hardware');
    // The token moves from the address bar into an HttpOnly cookie.
    await page.waitForFunction("!window.location.search.includes('token')");
    await expect.poll(() => page.evaluate<string>('document.cookie')).not.toContain('tunebench_token');

    await page.getByRole('heading', { name: 'Hardware', level: 1 }).waitFor();
    const cpuCard = page.getByRole('region', { name: 'CPU' });
    await cpuCard.waitFor();
    const cpuText = await cpuCard.innerText();
    expect(cpuText).toContain(cpuModel);
    expect(cpuText).toContain(`${os.cpus().length} threads`);
    const isa = await page.getByRole('list', { name: 'ISA features' }).innerText();
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    if (/\bavx2\b/.test(flags)) expect(isa).toContain('avx2');

    const gpuCard = await page.getByRole('region', { name: 'NVIDIA GPU' }).innerText();
    expect(gpuCard).toMatch(/absent/i);
    expect(gpuCard).toContain('nvidia-smi not found');
    const npuCard = await page.getByRole('region', { name: 'NPU & inference runtimes' }).innerText();
    expect(npuCard).toContain('OpenVINO runtime not installed');

    // Live telemetry: the sample counter grows and the per-core chart has one line per core plus the total.
    const status = page.getByTestId('telemetry-status');
    await expect
      .poll(async () => Number(/^(\d+) samples?/.exec(await status.innerText())?.[1] ?? 0), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    const cpuChart = page.getByRole('figure', { name: 'CPU utilisation per core (%)' });
    await expect
      .poll(() => cpuChart.locator('path.recharts-curve').count(), { timeout: 10_000 })
      .toBe(os.cpus().length + 1);
    expect(await page.getByRole('figure', { name: 'Memory in use (GiB)' }).innerText()).toMatch(/of \d+(\.\d+)? GiB/);

    await page.screenshot({ path: join(ARTIFACTS, 'hardware-page.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  // The token guards the HTTP side, which only serve has.
  it.skipIf(appTarget() === 'electron')('refuses the page without the token', async () => {
    // A new browser context: none of the cookie the app's own page got with its token.
    const context = await e2e.app.page.context().browser()!.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${e2e.app.origin}/`);
    expect(response?.status()).toBe(401);
    expect(await page.content()).toContain('missing or wrong token');
    await context.close();
  });

  it('renders the other pages of the app frame without errors', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await e2e.app.load();
    for (const name of ['Overview', 'Benchmarks', 'Project', 'History', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(await page.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
      await page.screenshot({ path: join(ARTIFACTS, `${name.toLowerCase()}-page.png`) });
    }
    expect(await page.getByRole('main').innerText()).toContain('tunebench.db');
    expect(problems).toEqual([]);
  });
});
