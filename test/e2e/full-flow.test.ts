import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { git } from '../helpers/fixture-project';
import { treeSnapshot } from '../helpers/tree-snapshot';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

/**
 * The whole loop a user goes through, on the compute-heavy Rust fixture with the real engine:
 * open, trust, full check (scan, baseline, ranking), verify a fix in git worktrees, keep it —
 * with a screenshot of every page. The same steps run against the desktop app with Playwright's `_electron`
 * (TUNEBENCH_E2E_TARGET=electron, where the Electron binary exists): only the page source changes.
 */
const e2e = useApp({ name: 'flow', fixture: 'rust-hash', viewport: { width: 1280, height: 800 } });

async function go(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('the whole flow on the Rust fixture', () => {
  it('open → trust → full check → verify LTO → keep, and verifying leaves the working tree as it was', async () => {
    const page = e2e.app.page;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const head = git(e2e.project, 'rev-parse', 'HEAD').trim();

    // Open and trust.
    await e2e.app.goto('project');
    await page.getByLabel('Folder').fill(e2e.project);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.getByRole('list', { name: 'Detected stacks' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'flow-1-project.png'), fullPage: true });
    await go(page, 'Recommendations');
    await page.getByRole('list', { name: /^Findings/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Trust this folder…' }).click();
    await page
      .getByRole('dialog', { name: 'Trust this folder?' })
      .getByRole('button', { name: 'Trust and continue' })
      .click();
    await expect.poll(() => page.getByText('not trusted', { exact: false }).count(), { timeout: 10_000 }).toBe(0);

    // Full check: scan, a baseline measurement, then the ranking.
    await go(page, 'Overview');
    await page.getByRole('button', { name: 'Full check' }).click();
    const steps = page.getByRole('list', { name: 'Full check progress' });
    const rank = steps.locator('li[data-step="rank"]');
    await expect
      .poll(() => rank.getAttribute('class'), { timeout: 600_000, interval: 1000 })
      .toMatch(/check-(done|failed)/);
    expect(await steps.locator('li[data-step="bench"]').getAttribute('class')).toContain('check-done');
    expect(await rank.innerText()).toMatch(/\d+ findings? · tuning score \d+\/100/);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-2-overview.png'), fullPage: true });

    // Verify link-time optimisation, then keep it. (The baseline built target/ in place, as `bench project`
    // does; from here on the working tree must not change at all.)
    const before = treeSnapshot(e2e.project);
    await go(page, 'Recommendations');
    const list = page.getByRole('list', { name: /^Findings/ });
    await list.locator('button[data-finding="rust.release-lto"]').click();
    const detail = page.getByRole('article', { name: 'Link-time optimisation in release builds' });
    await detail.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByLabel('Verification progress').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'flow-3-verifying.png'), fullPage: true });
    const verdict = page.getByRole('region', { name: /^Verdict of change #\d+$/ });
    await verdict.waitFor({ timeout: 600_000 });
    const verdictText = await verdict.innerText();
    expect(verdictText).toMatch(/improved/i);
    expect(verdictText).toMatch(/run: cargo bench/);
    expect(verdictText).toMatch(/n=\d+/);
    await page.screenshot({ path: join(ARTIFACTS, 'flow-4-recommendation-verdict.png'), fullPage: true });
    await verdict.getByRole('button', { name: 'Keep' }).click();
    const history = page.getByRole('table', { name: 'Applied changes' });
    await expect.poll(() => history.innerText(), { timeout: 60_000 }).toMatch(/kept/);
    expect(await history.innerText()).toMatch(/tunebench\/rust\.release-lto/);

    // The recommendations and the kept change leave the app as a report (Markdown for a pull request).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: 'Export recommendations' }).getByRole('button', { name: 'Markdown' }).click(),
    ]);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('rust.release-lto');
    expect(markdown).toMatch(/run: cargo bench/);

    // Kept on its branch; the user's branch, HEAD and files are as they were.
    expect(git(e2e.project, 'log', '-1', '--format=%s', 'tunebench/rust.release-lto').trim()).toBe(
      'tunebench: rust.release-lto',
    );
    expect(git(e2e.project, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(treeSnapshot(e2e.project)).toEqual(before);

    // Every other page, as the user would see them after the flow.
    for (const [name, file] of [
      ['History', 'flow-5-history.png'],
      ['Hardware', 'flow-6-hardware.png'],
      ['Benchmarks', 'flow-7-benchmarks.png'],
      ['Project', 'flow-8-project.png'],
    ] as const) {
      await go(page, name);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
    }
    expect(errors).toEqual([]);
  }, 1_200_000);
});
