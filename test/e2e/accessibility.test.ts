import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

/**
 * axe-core in every main page, as `tunebench serve` shows it to a browser (or the desktop app, with
 * TUNEBENCH_E2E_TARGET=electron), in the light and the dark theme (the system colour scheme emulated;
 * the theme setting is "system"). Serious and critical violations fail the test; each is printed with its targets.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = [
  { id: 'overview', title: 'Overview' },
  { id: 'hardware', title: 'Hardware' },
  { id: 'benchmarks', title: 'Benchmarks' },
  { id: 'project', title: 'Project' },
  { id: 'recommendations', title: 'Recommendations' },
  { id: 'history', title: 'History' },
  { id: 'settings', title: 'Settings' },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const e2e = useApp({
  name: 'a11y',
  fixture: 'vite-react',
  viewport: { width: 1280, height: 900 },
  // Two stored runs, so Benchmarks, History and the comparison have something to show.
  async seed(home) {
    for (let i = 0; i < 2; i += 1) {
      const seeded = await runCli(['bench', 'run', '-N', '--warmup', '1', '--runs', '8', 'true'], {
        TUNEBENCH_HOME: home,
      });
      if (seeded.code !== 0) throw new Error(`seeding a run failed: ${seeded.stderr}`);
    }
  },
});

/** Waits until the page's own data arrived: its heading, no "Loading…", and a frame for charts to lay out. */
async function settle(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
  // Polled from here: a string predicate polled inside the page would need eval, which the CSP forbids.
  await page
    .getByText(/Loading/)
    .first()
    .waitFor({ state: 'hidden', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

async function axe(page: Page): Promise<Violation[]> {
  // page.evaluate runs outside the page's CSP (script-src 'self' forbids an injected <script>).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // Runs in the page (the test's own tsconfig has no DOM types).
    const scope = globalThis as unknown as {
      document: unknown;
      axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> };
    };
    const result = await scope.axe.run(scope.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

function describeViolation(page: string, theme: string, v: Violation): string {
  const targets = v.nodes
    .slice(0, 8)
    .map(
      (n) =>
        `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
    )
    .join('\n');
  return `  [${theme}] #/${page} ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})\n${targets}`;
}

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on any main page, light or dark', async () => {
    const report: Record<string, Record<string, Violation[]>> = {};
    const blocking: string[] = [];
    const minor: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      const page = e2e.app.page;
      await page.emulateMedia({ colorScheme: theme });
      const errors: string[] = [];
      let current = 'start';
      const onError = (error: Error) => errors.push(`#/${current}: ${error.message}\n${error.stack ?? ''}`);
      page.on('pageerror', onError);
      await e2e.app.load();
      for (const { id, title } of PAGES) {
        current = id;
        await e2e.app.goto(id);
        await settle(page, title);
        if (id === 'project') {
          // The scanned state has more to check than the empty one (scanning runs nothing, needs no trust).
          await page.getByLabel('Folder', { exact: true }).fill(e2e.project);
          await page.getByRole('button', { name: 'Scan' }).click();
          await page.getByRole('list', { name: 'Detected stacks' }).waitFor({ timeout: 30_000 });
        }
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
        const violations = await axe(page);
        (report[theme] ??= {})[id] = violations;
        for (const v of violations) {
          (v.impact === 'serious' || v.impact === 'critical' ? blocking : minor).push(describeViolation(id, theme, v));
        }
        if (theme === 'light' && (id === 'history' || id === 'settings')) {
          await page.screenshot({ path: join(ARTIFACTS, `${id}-page.png`), fullPage: true });
        }
      }
      if (theme === 'dark') await page.screenshot({ path: join(ARTIFACTS, 'settings-page-dark.png'), fullPage: true });
      page.off('pageerror', onError);
      expect(errors).toEqual([]);
    }
    writeFileSync(join(ARTIFACTS, 'accessibility.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (minor.length > 0) console.log(`axe: moderate or minor findings (not failing):\n${minor.join('\n')}`);
    console.log(
      blocking.length > 0
        ? `axe: serious or critical violations:\n${blocking.join('\n')}`
        : `axe: no serious or critical violations on ${PAGES.length} pages × 2 themes`,
    );
    expect(blocking).toEqual([]);
  });
});
