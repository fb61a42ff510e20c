import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'reco', fixture: 'rust-hash' });

/** Opens the fixture on the Project page (a read-only scan), then goes to Recommendations. */
async function openRecommendations(page: Page): Promise<void> {
  await e2e.app.load('project');
  await page.getByLabel('Folder').fill(e2e.project);
  await page.getByRole('button', { name: 'Scan' }).click();
  await page.getByRole('list', { name: 'Detected stacks' }).waitFor({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommendations' }).click();
  await page.getByRole('heading', { name: 'Recommendations', level: 1 }).waitFor();
  await page.getByRole('list', { name: /^Findings/ }).waitFor({ timeout: 60_000 });
}

describe('Recommendations page', () => {
  it('says to open a project when none is open', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.load('recommendations');
    const empty = page.getByRole('status').filter({ hasText: 'Open a project first' });
    await empty.waitFor();
    expect(await empty.innerText()).toContain('Project page');
    expect(errors).toEqual([]);
  });

  it('ranks the findings of a scanned Rust project, shows the score, the matrix and the diff of the selected one', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await openRecommendations(page);

    // The list: ranked findings with their gain, confidence and first evidence.
    const list = page.getByRole('list', { name: /^Findings/ });
    const items = list.locator('button.finding-item');
    const ids = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-finding') ?? ''));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => id.startsWith('rust.'))).toBe(true);
    expect(ids).toContain('rust.release-codegen-units');
    const first = await items.first().innerText();
    expect(first).toMatch(/expected gain [\d.]+\s%\s×\sP\s[\d.]+\s=\s[\d.]+\s%/);
    expect(first).toMatch(/90\s%\sinterval\s[\d.]+\s%–[\d.]+\s%/);
    expect(first).toMatch(/prior only|learned from \d+ projects?/);
    expect(await list.innerText()).toMatch(/Cargo\.toml:\d+/);

    // The score, its formula and what each finding costs.
    const score = page.getByRole('region', { name: 'Tuning score' });
    expect(await score.getByLabel(/^Tuning score \d+ out of 100$/).count()).toBe(1);
    expect(await score.innerText()).toContain('score = 100 − Σ');
    expect(await score.getByRole('table', { name: 'Score breakdown' }).innerText()).toMatch(/−\d+\.\d/);

    // The matrix: one point per finding, with a text alternative.
    const matrix = page.getByRole('figure', { name: /Impact and effort of the findings/ });
    await expect.poll(() => matrix.locator('circle.matrix-point').count(), { timeout: 10_000 }).toBe(ids.length);
    expect(await matrix.locator('table tbody tr').count()).toBe(ids.length);

    // Select the codegen-units finding: rationale, reference, evidence, current → proposed, and the diff.
    await list.locator('button[data-finding="rust.release-codegen-units"]').click();
    const detail = page.getByRole('article', { name: 'One codegen unit in release builds' });
    await detail.waitFor();
    expect(await list.locator('button[data-finding="rust.release-codegen-units"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    const diff = page.getByLabel('Proposed change for rust.release-codegen-units');
    await diff.waitFor({ timeout: 30_000 });
    const diffText = await diff.innerText();
    expect(diffText).toContain('-codegen-units = 16');
    expect(diffText).toContain('+codegen-units = 1');
    expect(await diff.locator('.diff-add').count()).toBeGreaterThan(0);
    expect(await diff.locator('.diff-del').count()).toBeGreaterThan(0);
    expect(await diff.locator('.diff-hunk').count()).toBeGreaterThan(0);
    const detailText = await detail.innerText();
    expect(detailText).toMatch(/Reference: .+ — https:\/\//);
    expect(detailText).toMatch(/Cargo\.toml:\d+/);
    expect(detailText).toContain('codegen-units = 1');
    expect(await detail.getByRole('link').first().getAttribute('rel')).toContain('noreferrer');

    // Verify is refused, with its reason, while the folder is not trusted.
    const verify = detail.getByRole('button', { name: 'Verify', exact: true });
    expect(await verify.isDisabled()).toBe(true);
    const reasonId = await verify.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    expect(await page.locator(`[id="${reasonId}"]`).innerText()).toMatch(/not trusted/);

    await page.screenshot({ path: join(ARTIFACTS, 'recommendations-page.png'), fullPage: true });

    // Keyboard: arrows move between findings, Enter selects.
    await items.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await items.nth(1).getAttribute('aria-pressed')).toBe('true');

    // Filters: by risk, then by stack.
    await page.getByLabel('Risk').selectOption('safe');
    const safe = await list.locator('button.finding-item').count();
    const safeText = await list.innerText();
    expect(safeText).not.toMatch(/\b(review|risky) risk\b/);
    expect(safe).toBeLessThanOrEqual(ids.length);
    await page.getByLabel('Risk').selectOption('all');
    await page.getByLabel('Stack').selectOption('rust');
    const rustIds = await list
      .locator('button.finding-item')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-finding') ?? ''));
    expect(rustIds.length).toBeGreaterThan(0);
    expect(rustIds.every((id) => id.startsWith('rust.'))).toBe(true);
    await page.getByLabel('Stack').selectOption('all');

    // The applied-change history is there, empty.
    expect(await page.getByRole('region', { name: 'Applied changes' }).innerText()).toContain('No change verified');

    // A narrower window: the same page, still usable.
    await page.setViewportSize({ width: 1024, height: 700 });
    await list.locator('button[data-finding="rust.release-codegen-units"]').click();
    await diff.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'recommendations-page-1024.png'), fullPage: true });

    // Nothing remote was loaded: every request went to the local server (or app:// in Electron).
    const origin = e2e.app.origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
