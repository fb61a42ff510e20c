import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

// A headless box configured through the environment: one good value, one bad.
const e2e = useApp({
  name: 'settings',
  fixture: 'rust-cli',
  env: { TUNEBENCH_TELEMETRY_HZ: '5', TUNEBENCH_THEME: 'neon' },
});

describe('Settings page', () => {
  it('shows environment values read-only, warns about bad ones, saves the rest and applies them', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.emulateMedia({ colorScheme: 'light' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    // TUNEBENCH_TELEMETRY_HZ=5 wins and cannot be edited here; TUNEBENCH_THEME=neon is refused by name.
    expect(await page.getByTestId('source-telemetryHz').innerText()).toBe('set by TUNEBENCH_TELEMETRY_HZ (read-only)');
    const rate = page.getByLabel('Telemetry rate');
    expect(await rate.inputValue()).toBe('5');
    expect(await rate.getAttribute('readonly')).not.toBeNull();
    const warnings = await page.getByRole('list', { name: 'Settings warnings' }).innerText();
    expect(warnings).toMatch(/TUNEBENCH_THEME="neon" is not valid \(.+\); it is ignored/);
    expect(await page.getByTestId('source-theme').innerText()).toBe('default');

    // The level says what it measures and what it suggests; picking one becomes the Benchmarks default.
    const level = page.locator('[data-setting="level"]');
    expect(await level.innerText()).toMatch(/Aggressive: median to ±0\.5 %/);
    expect(await level.innerText()).toMatch(/suggests safe, review first, risky changes/);
    await page.getByRole('radio', { name: /Aggressive/ }).check();
    await expect.poll(() => page.getByTestId('source-level').innerText()).toBe('saved');

    // A bad number is refused with the schema's own words before anything is sent.
    const workers = page.getByLabel('Max parallel workers');
    await workers.fill('0');
    await workers.press('Enter');
    expect(await page.getByRole('alert').innerText()).toContain('max workers must be at least 1');
    await workers.fill('3');
    await workers.press('Enter');
    await expect.poll(() => page.getByTestId('source-maxWorkers').innerText()).toBe('saved');

    // Theme: data-theme on <html>, and the CSS variables follow.
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    const background = await page
      .locator('html')
      .evaluate(
        (html) =>
          (globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string } }).getComputedStyle(
            html,
          ).backgroundColor,
      );
    expect(background).toBe('rgb(21, 23, 28)');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-dark.png'), fullPage: true });

    const stored = JSON.parse(readFileSync(join(e2e.home, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ level: 'aggressive', maxWorkers: 3, theme: 'dark' });

    // A reload reads them back; the Benchmarks page starts at the chosen precision.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByTestId('source-theme').innerText()).toBe('saved');
    await page.getByRole('link', { name: 'Benchmarks' }).click();
    await expect.poll(() => page.getByLabel('Sampling precision').inputValue()).toBe('aggressive');
    expect(errors).toEqual([]);
  });

  it('clears the scan cache a project scan wrote', async () => {
    await e2e.app.call('project.scan', { root: e2e.project });
    const cacheDir = join(e2e.home, 'scan-cache');
    await expect.poll(() => existsSync(cacheDir) && readdirSync(cacheDir).length, { timeout: 30_000 }).toBe(1);

    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await e2e.app.load('settings');
    await page.getByRole('button', { name: 'Clear scan cache' }).click();
    await expect
      .poll(() => page.getByTestId('scan-cache-result').innerText())
      .toMatch(/^Cleared: 1 file \(\d+(\.\d)? (B|KiB)\), 0 projects in memory\./);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
