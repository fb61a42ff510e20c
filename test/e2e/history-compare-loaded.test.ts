import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunSchema } from '../../src/shared/schemas/bench';
import { runCli } from '../helpers/cli';
import { ARTIFACTS, useApp } from '../helpers/e2e-app';

const e2e = useApp({ name: 'history-loaded', removeHome: true });

/** One spinning process per CPU: whatever else runs on this machine, it is busy now. */
function startHogs(): () => void {
  const hogs: ChildProcess[] = Array.from({ length: os.cpus().length }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return () => hogs.forEach((hog) => hog.kill('SIGKILL'));
}

async function commandRun(): Promise<number> {
  const result = await runCli(
    ['bench', 'run', '--json', '--runs', '10', '--warmup', '1', 'sleep 0.01'],
    { TUNEBENCH_HOME: e2e.home },
    90_000,
  );
  expect(result.code, result.stderr).toBe(0);
  return RunSchema.parse(JSON.parse(result.stdout)).id;
}

describe('History page, an A/A pair measured on a loaded machine', () => {
  it('shows the comparison as inconclusive, with why, instead of a verdict', async () => {
    const stopHogs = startHogs();
    let base: number;
    let head: number;
    try {
      base = await commandRun();
      head = await commandRun();
    } finally {
      stopHogs();
    }

    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await e2e.app.load('history');
    await page.getByLabel('Filter runs').fill(`#${base}`);
    await page.getByRole('button', { name: `Use run ${base} as base` }).click();
    await page.getByLabel('Filter runs').fill(`#${head}`);
    await page.getByRole('button', { name: `Use run ${head} as head` }).click();
    const comparison = page.getByRole('table', { name: `Run ${base} compared with run ${head}` });
    await comparison.waitFor().catch(async (error: unknown) => {
      await page.screenshot({ path: join(ARTIFACTS, 'history-compare-inconclusive-failed.png'), fullPage: true });
      throw new Error(`no comparison table; the page says: ${await page.locator('main').innerText()}`, {
        cause: error,
      });
    });
    const text = await comparison.innerText();
    expect(text).toMatch(/sleep 0\.01\s.*inconclusive/s);
    expect(text).not.toMatch(/\b(faster|slower)\b/);
    // Every row is inconclusive for the same reason: it is written once, under the table, and the rows point at it.
    expect(text).toMatch(/inconclusive \[1\]/);
    const why = await page.getByRole('list', { name: 'Why rows are inconclusive' }).innerText();
    expect(why).toMatch(/Why inconclusive: the base run was disturbed \(machine busy: other processes used \d+ %/);
    await page.screenshot({ path: join(ARTIFACTS, 'history-compare-inconclusive.png'), fullPage: true });
    for (const [width, height] of [
      [1366, 860],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await comparison.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `history-compare-inconclusive-${width}x${height}.png`) });
    }
  });
});
