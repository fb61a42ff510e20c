import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'overview', fixture: 'rust-hash' });

describe('Overview page', () => {
  it('shows the machine, the open project’s score and top recommendations, runs a full check, and links to a finding', async () => {
    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Without a project: the machine, and what to do to get a score.
    await e2e.app.load();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const machine = page.getByRole('region', { name: 'Machine' });
    await expect.poll(() => machine.innerText(), { timeout: 30_000 }).toMatch(/Cores\s+\d+ physical · \d+ threads/);
    expect(await machine.innerText()).toMatch(/Memory\s+[\d.]+ (GiB|MiB)/);
    expect(await machine.innerText()).toMatch(/GPU\s+(PRESENT|ABSENT|UNKNOWN)/i);
    expect(await machine.innerText()).toMatch(/NPU\s+(PRESENT|ABSENT|UNKNOWN)/i);
    expect(await page.getByRole('region', { name: 'Tuning score' }).innerText()).toContain('No project open');
    expect(await page.getByRole('button', { name: 'Full check' }).isDisabled()).toBe(true);

    // Open the fixture on the Project page (a read-only scan), then come back.
    await e2e.app.load('project');
    await page.getByLabel('Folder').fill(e2e.project);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.getByRole('list', { name: 'Detected stacks' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();

    const score = page.getByRole('region', { name: 'Tuning score' });
    await score.getByLabel(/^Tuning score \d+ out of 100$/).waitFor({ timeout: 60_000 });
    expect(await score.innerText()).toContain('score = 100 − Σ');
    const top = page.getByRole('list', { name: 'Top recommendations' });
    await top.waitFor();
    const entries = top.getByRole('listitem');
    expect(await entries.count()).toBeGreaterThan(0);
    expect(await entries.count()).toBeLessThanOrEqual(3);
    const firstText = await entries.first().innerText();
    expect(firstText).toMatch(/expected gain [\d.]+\s%\s×\sP\s[\d.]+\s=\s[\d.]+\s%/);
    expect(firstText).toMatch(/confidence: 90\s%\sinterval/);
    expect(await page.getByRole('region', { name: 'Latest runs' }).innerText()).toMatch(/No runs yet|Run/);

    // Full check on an untrusted folder: scan, baseline skipped with its reason, findings ranked.
    await page.getByRole('button', { name: 'Full check' }).click();
    const steps = page.getByRole('list', { name: 'Full check progress' });
    await steps.waitFor();
    const rank = steps.locator('li[data-step="rank"]');
    await expect.poll(() => rank.getAttribute('class'), { timeout: 60_000 }).toMatch(/check-(done|failed)/);
    expect(await steps.locator('li[data-step="scan"]').getAttribute('class')).toContain('check-done');
    expect(await steps.locator('li[data-step="scan"]').innerText()).toMatch(/\d+ files · /);
    const bench = steps.locator('li[data-step="bench"]');
    expect(await bench.getAttribute('class')).toContain('check-skipped');
    expect(await bench.innerText()).toContain('not trusted');
    expect(await rank.getAttribute('class')).toContain('check-done');
    expect(await rank.innerText()).toMatch(/\d+ findings? · tuning score \d+\/100/);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-page-project.png'), fullPage: true });

    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: join(ARTIFACTS, 'overview-page-project-1024.png'), fullPage: true });

    // A top recommendation opens the Recommendations page with that finding selected.
    const link = entries.first().getByRole('link');
    const title = await link.innerText();
    await link.click();
    await page.getByRole('heading', { name: 'Recommendations', level: 1 }).waitFor();
    await page.getByRole('article', { name: title }).waitFor({ timeout: 30_000 });
    const pressed = page.locator('button.finding-item[aria-pressed="true"]');
    expect(await pressed.count()).toBe(1);
    expect(await pressed.innerText()).toContain(title);

    expect(errors).toEqual([]);
  }, 180_000);
});
