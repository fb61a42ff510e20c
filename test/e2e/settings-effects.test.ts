import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

// A headless box configured only through the environment.
const e2e = useApp({
  name: 'effects',
  fixture: 'rust-hash',
  env: { TUNEBENCH_LEVEL: 'basic', TUNEBENCH_TELEMETRY_HZ: '5' },
});

describe('settings take effect in the pages', () => {
  it('TUNEBENCH_LEVEL=basic: Recommendations shows only safe fixes by default, says so, and can show all', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('project');
    await page.getByLabel('Folder').fill(e2e.project);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.getByRole('list', { name: 'Detected stacks' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommendations' }).click();
    const list = page.getByRole('list', { name: /^Findings/ });
    await list.waitFor({ timeout: 60_000 });

    const note = page.getByTestId('risk-level-note');
    await note.waitFor();
    const noteText = await note.innerText();
    expect(noteText).toMatch(
      /^Showing safe fixes \(level: basic\) · (\d+) findings? of higher risk hidden — change in Settings/,
    );
    const hidden = Number(/· (\d+) finding/.exec(noteText)![1]);
    expect(hidden).toBeGreaterThan(0);
    expect(await page.getByLabel('Risk').inputValue()).toBe('level');
    const risks = () => list.locator('.finding-meta .chip[class*="risk-"]').allInnerTexts();
    const shown = await risks();
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(['safe risk']));
    // The detail opens on the first finding the list shows, not on one it hides.
    await expect.poll(() => list.locator('button.finding-item[aria-pressed="true"]').count()).toBe(1);
    expect(await page.getByRole('article').locator('.chip.risk-safe').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'recommendations-level-basic.png') });

    // "all" brings the hidden ones back, and the note goes (nothing is hidden any more).
    await page.getByLabel('Risk').selectOption('all');
    const all = await risks();
    expect(all.length).toBe(shown.length + hidden);
    expect(all.some((risk) => risk !== 'safe risk')).toBe(true);
    expect(await note.count()).toBe(0);
    await page.getByLabel('Risk').selectOption('level');
    expect(await risks()).toEqual(shown);

    // A risky finding opened by name (from the score table) is shown and selected, not hidden.
    await page
      .getByRole('region', { name: 'Tuning score' })
      .getByRole('button', { name: 'Abort on panic in release builds' })
      .click();
    const pressed = list.locator('button.finding-item[aria-pressed="true"]');
    await expect.poll(() => pressed.getAttribute('data-finding')).toBe('rust.release-panic-abort');
    expect(await pressed.innerText()).toContain('risky risk');
    expect(await note.innerText()).toContain(`· ${hidden - 1} finding`);

    // The note's link goes to the Settings page, where the level is changed.
    await note.getByRole('link', { name: 'change in Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('TUNEBENCH_TELEMETRY_HZ=5: the live CPU chart of a running suite samples at 5 Hz and says so', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await e2e.app.load('benchmarks');
    await page.getByRole('button', { name: 'Run Quick' }).click();
    await page.locator('[data-testid="job-progress"], [role="alert"]').first().waitFor({ timeout: 90_000 });
    const alert = page.getByRole('alert');
    if ((await alert.count()) > 0) throw new Error(`the run did not start: ${await alert.first().innerText()}`);
    const chart = page.getByRole('figure', { name: /CPU while the suite runs/ });
    await expect.poll(() => chart.innerText(), { timeout: 30_000 }).toMatch(/samples at 5 Hz/);
    // The rate is real: the samples the page asked for come 200 ms apart (the old fixed 2 Hz: 500 ms).
    await expect.poll(() => chart.innerText(), { timeout: 30_000 }).toMatch(/\b(1\d|[2-9]\d|\d{3}) samples at 5 Hz/);
    const recent = await e2e.app.call<Array<{ t: number }>>('telemetry.recent', { limit: 10 });
    const gaps = recent
      .slice(1)
      .map((sample, i) => sample.t - recent[i]!.t)
      .sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThan(120);
    expect(median).toBeLessThan(350);
    await chart.screenshot({ path: join(ARTIFACTS, 'benchmarks-live-5hz.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('job-progress').count(), { timeout: 30_000 }).toBe(0);
  }, 180_000);
});
