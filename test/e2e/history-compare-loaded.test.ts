import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('History page, an A/A pair measured on a loaded machine', () => {
  it('shows the comparison as inconclusive, with why, instead of a verdict', async () => {
    const stopHogs = startHogs();
    try {
      for (let run = 0; run < 2; run += 1) {
        const result = await runCli(
          ['bench', 'run', '--runs', '10', '--warmup', '1', 'sleep 0.01'],
          { TUNEBENCH_HOME: e2e.home },
          60_000,
        );
        expect(result.code, result.stderr).toBe(0);
      }
    } finally {
      stopHogs();
    }

    const page = e2e.app.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await e2e.app.load('history');
    // The two newest runs, the A/A pair, are compared to start with.
    const comparison = page.getByRole('table', { name: /Run \d+ compared with run \d+/ });
    await comparison.waitFor();
    const text = await comparison.innerText();
    expect(text).toMatch(/sleep 0\.01\s.*inconclusive/s);
    expect(text).not.toMatch(/\b(faster|slower)\b/);
    expect(text).toMatch(/Why inconclusive: the base run was disturbed \(machine busy: other processes used \d+ %/);
    await page.screenshot({ path: join(ARTIFACTS, 'history-compare-inconclusive.png'), fullPage: true });
  });
});
