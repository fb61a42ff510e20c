import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFrameRate, frameStats, measureFrameRate, writeFrameRate } from '../bench/frame-rate.mjs';
import { assertBuilt, REPO_ROOT } from '../helpers/cli';
import { openApp } from '../helpers/app-target';
import { CHROMIUM_PATH } from '../helpers/chromium';

/**
 * The renderer's frame rate (requestAnimationFrame in the page) and the serving process's
 * event-loop lag (app.diagnostics) while the Quick CPU suite runs with live telemetry, measured
 * the same way `npm run bench` does. The figures must exist and be sane; how fast is a benchmark
 * question (60 fps / 50 ms goals in `npm run bench`), not a test threshold.
 */
describe('frame rate and event-loop lag during a running suite', () => {
  it('summarises frame intervals', () => {
    const stats = frameStats([0, 16, 33, 50, 150, 166]);
    expect(stats.frames).toBe(5);
    expect(stats.meanFps).toBeCloseTo(5 / 0.166, 5);
    expect(stats.longFrames).toBe(1);
    expect(stats.maxFrameMs).toBe(100);
  });

  it('measures fps, frame times and lag p99 on the Benchmarks and Hardware pages and writes them', async () => {
    assertBuilt();
    const result = await measureFrameRate({ seconds: 5, chromiumPath: CHROMIUM_PATH, log: (l) => console.log(l) });
    const file = writeFrameRate(result);
    console.log(formatFrameRate(result).join('\n'));
    expect(result.pageErrors).toEqual([]);
    expect(result.windows).toHaveLength(2);
    for (const w of result.windows) {
      expect(w.suiteRunning, `${w.window}: the suite was still running`).toBe(true);
      expect(w.visibility).toBe('visible');
      expect(w.frames).toBeGreaterThan(10);
      expect(w.meanFps).toBeGreaterThan(0);
      expect(w.p95FrameMs).toBeGreaterThan(0);
      expect(w.longFrames).toBeGreaterThanOrEqual(0);
      expect(w.eventLoop.samples).toBeGreaterThan(10);
      expect(w.eventLoop.p99LagMs).not.toBeNull();
      expect(w.eventLoop.p99LagMs!).toBeGreaterThanOrEqual(0);
      expect(w.eventLoop.elapsedMs).toBeGreaterThan(4000);
    }
    // Live telemetry was flowing at the Hardware page's chosen 10 Hz.
    expect(result.windows[1]!.telemetryHz!).toBeGreaterThan(5);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).windows).toHaveLength(2);
  }, 240_000);
});

/**
 * Cumulative Layout Shift while the Standard suite runs with live telemetry (Quick can end before
 * both windows are over on a fast machine): a PerformanceObserver
 * ({type: 'layout-shift', buffered: true}) installed before the app's first script records every
 * shift; each page's window starts at its navigation (the Benchmarks page: at the Run click) and
 * ends after `SECONDS` of live updates. CLS is Google's definition (the largest session window:
 * shifts less than 1 s apart, at most 5 s long, those within 500 ms of input left out); the plain
 * total is reported too. Written into test-results/frame-rate.json under `layoutShift`.
 */
describe('layout stability while live data arrives', () => {
  const SECONDS = 5;
  const OBSERVER = `
    window.__layoutShifts = [];
    const describe = (node) => {
      if (node && !node.tagName && node.parentElement) return node.nodeName + ' in ' + describe(node.parentElement);
      if (!node || !node.tagName) return node ? node.nodeName : 'unknown';
      const id = node.getAttribute('data-testid') || node.getAttribute('aria-label') || '';
      const classes = typeof node.className === 'string' && node.className ? '.' + node.className.trim().split(/\\s+/).join('.') : '';
      return node.tagName.toLowerCase() + classes + (id ? '[' + id + ']' : '') + ' "' + (node.textContent || '').trim().slice(0, 40) + '"';
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__layoutShifts.push({
          startTime: entry.startTime,
          value: entry.value,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources || []).map((s) => ({
            node: describe(s.node),
            from: [Math.round(s.previousRect.y), Math.round(s.previousRect.height)],
            to: [Math.round(s.currentRect.y), Math.round(s.currentRect.height)],
          })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  `;
  interface Shift {
    startTime: number;
    value: number;
    hadRecentInput: boolean;
    sources: { node: string; from: number[]; to: number[] }[];
  }

  /** Google's CLS: the largest burst of shifts (gaps under 1 s, at most 5 s long). */
  function sessionCls(shifts: Shift[]): number {
    let best = 0;
    let current = 0;
    let first = -Infinity;
    let previous = -Infinity;
    for (const shift of shifts) {
      if (shift.startTime - previous >= 1000 || shift.startTime - first >= 5000) {
        current = 0;
        first = shift.startTime;
      }
      current += shift.value;
      previous = shift.startTime;
      best = Math.max(best, current);
    }
    return best;
  }

  it('measures CLS on the Benchmarks and Hardware pages during a running suite and writes it', async () => {
    assertBuilt();
    const home = mkdtempSync(join(os.tmpdir(), 'tunebench-e2e-cls-'));
    const app = await openApp({
      env: { TUNEBENCH_HOME: home, TUNEBENCH_TELEMETRY_HZ: '10' },
      viewport: { width: 1280, height: 900 },
    });
    const running = async () =>
      (await app.call<{ id: string; status: string }[]>('bench.jobs')).find((job) => job.status === 'running');
    try {
      const page = app.page;
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript({ content: OBSERVER });
      const now = () => page.evaluate(() => performance.now());
      const shiftsSince = async (from: number) =>
        (await page.evaluate(() => (globalThis as unknown as { __layoutShifts: Shift[] }).__layoutShifts)).filter(
          (shift) => shift.startTime >= from,
        );
      const summarise = (window: string, shifts: Shift[], suiteRunning: boolean) => {
        const counted = shifts.filter((shift) => !shift.hadRecentInput);
        return {
          window,
          suiteRunning,
          cls: Number(sessionCls(counted).toFixed(4)),
          totalShift: Number(counted.reduce((sum, shift) => sum + shift.value, 0).toFixed(4)),
          shifts: counted.length,
          afterInput: shifts.length - counted.length,
          // The biggest shifts and what moved, to find what needs reserved space.
          worst: [...counted]
            .sort((a, b) => b.value - a.value)
            .slice(0, 5)
            .map((shift) => ({ value: Number(shift.value.toFixed(4)), sources: shift.sources.slice(0, 3) })),
        };
      };

      // Benchmarks page: from the Run click through the progress card's arrival and SECONDS of updates.
      // Loaded after the observer is installed (a reload in Electron), so it sees every shift.
      await app.load('benchmarks');
      await page.getByRole('button', { name: 'Run Standard' }).waitFor();
      await page.waitForTimeout(1000);
      const benchStart = await now();
      await page.getByRole('button', { name: 'Run Standard' }).click();
      const progress = page.getByTestId('job-progress');
      await page.locator('[data-testid="job-progress"], [role="alert"]').first().waitFor({ timeout: 90_000 });
      if ((await page.getByRole('alert').count()) > 0) {
        throw new Error(`the suite did not start: ${await page.getByRole('alert').first().innerText()}`);
      }
      await expect.poll(() => progress.innerText(), { timeout: 90_000 }).toMatch(/\d+\/\d+ /);
      await page.waitForTimeout(SECONDS * 1000);
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'layout-stability-benchmarks.png') });
      const benchmarks = summarise(
        'benchmarks page, live CPU chart at the telemetry rate (10 Hz)',
        await shiftsSince(benchStart),
        Boolean(await running()),
      );

      // Hardware page: from the navigation through the profile, the first samples and SECONDS at 10 Hz.
      const hardwareStart = await now();
      await app.goto('hardware');
      await page.getByRole('heading', { level: 1, name: 'Hardware' }).waitFor();
      await page.getByLabel('Telemetry rate in hertz').selectOption('10');
      await page.waitForTimeout(SECONDS * 1000);
      const hardware = summarise(
        'hardware page, 10 Hz telemetry, every core',
        await shiftsSince(hardwareStart),
        Boolean(await running()),
      );
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'layout-stability-hardware.png') });

      const layoutShift = {
        measuredAt: new Date().toISOString(),
        method:
          "PerformanceObserver({type: 'layout-shift', buffered: true}); CLS = largest session window (gaps < 1 s, ≤ 5 s), shifts within 500 ms of input excluded",
        goodThreshold: 0.1,
        windows: [benchmarks, hardware],
      };
      const file = join(REPO_ROOT, 'test-results', 'frame-rate.json');
      const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
      mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
      writeFileSync(file, `${JSON.stringify({ ...previous, layoutShift }, null, 2)}\n`);
      for (const w of layoutShift.windows) {
        console.log(
          `  ${w.window}${w.suiteRunning ? ' (suite running)' : ' (suite NOT running)'}\n` +
            `    cumulative layout shift       CLS ${w.cls} (total ${w.totalShift} over ${w.shifts} shifts; ${w.afterInput} after input left out; good < 0.1)`,
        );
        for (const worst of w.worst) console.log(`      ${worst.value}: ${JSON.stringify(worst.sources)}`);
      }

      expect(errors).toEqual([]);
      for (const w of layoutShift.windows) {
        expect(w.suiteRunning, `${w.window}: the suite was still running`).toBe(true);
        // Google's "good" CLS: live numbers, progress and charts have reserved space.
        expect(w.cls, `${w.window}: ${JSON.stringify(w.worst)}`).toBeLessThan(0.1);
      }
      expect(JSON.parse(readFileSync(file, 'utf8')).layoutShift.windows).toHaveLength(2);
    } finally {
      const job = await running().catch(() => undefined);
      if (job) await app.call('bench.cancel', { jobId: job.id }).catch(() => undefined);
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);
});
