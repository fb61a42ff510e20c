import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({
  name: 'project',
  fixture: 'vite-react',
  fixtureOptions: { linkNodeModules: true },
  viewport: { width: 1280, height: 1000 },
});

describe('Project page', () => {
  it('opens a folder, shows what it found, asks for trust, then measures build, tests and bundle sizes', async () => {
    const page = e2e.app.page;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await e2e.app.goto('project');
    await page.getByLabel('Folder').fill(e2e.project);
    await page.getByRole('button', { name: 'Scan' }).click();
    const stacks = page.getByRole('list', { name: 'Detected stacks' });
    await stacks.waitFor({ timeout: 30_000 });
    expect(await stacks.innerText()).toContain('vite-react-fixture');
    const facts = await page.getByRole('region', { name: 'Detected facts' }).innerText();
    expect(facts).toMatch(/React .*package\.json:\d+/);
    expect(facts).toMatch(/Vite .*package\.json:\d+/);
    expect(await page.getByRole('textbox', { name: /Command .*build/ }).inputValue()).toBe('npm run build');
    expect(await page.getByText('not trusted').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'project-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Measure build, tests and sizes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trust this folder?' });
    await dialog.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'project-trust-dialog.png') });
    await dialog.getByRole('button', { name: 'Trust and continue' }).click();
    const history = page.getByRole('table', { name: 'Project history' });
    await history.waitFor({ timeout: 240_000 });
    const text = await history.innerText();
    expect(text).toMatch(/build \(incremental\): npm run build: [\d.]+ ms \(n=\d+\)/);
    // dist/ is gitignored in the fixture, so a clean build (dist deleted before each run) is measured too.
    expect(text).toMatch(/build \(clean\): npm run build: [\d.]+ ms \(n=\d+\)/);
    expect(text).toMatch(/size: dist\/assets\/index-[\w-]+\.js: [\d.]+ KiB \(n=1\)/);
    expect(text).toMatch(/completed/);
    await page.screenshot({ path: join(ARTIFACTS, 'project-page-measured.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 300_000);
});
