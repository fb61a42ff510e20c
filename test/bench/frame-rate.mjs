#!/usr/bin/env node
// Renderer frame rate and main-process event-loop lag while a CPU suite runs with live telemetry:
// the real `tunebench serve`, Debian's Chromium through playwright-core, the Quick preset started
// with the Benchmarks page's own button. Frames are timed in the page with requestAnimationFrame;
// the serving process's event-loop delay comes from its `app.diagnostics` API
// (perf_hooks.monitorEventLoopDelay), reset at the start of each window. Two windows: the
// Benchmarks page (progress + 2 Hz CPU chart) and the Hardware page at 10 Hz telemetry (every core
// charted, the heaviest live page). Goals: 60 fps, event-loop lag p99 under 50 ms. Prints figures
// with sample counts; nothing here fails on a number (`npm test` only checks they exist and are sane).
/* global document, requestAnimationFrame, window -- used in functions that run in the page */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repoRoot, 'bin', 'tunebench.js');
export const GOAL_FPS = 60;
export const GOAL_LAG_P99_MS = 50;
const LONG_FRAME_MS = 50;

function startServe(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tunebench serve printed no URL in 30 s: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        origin: `http://127.0.0.1:${match[2]}`,
        token: match[3],
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tunebench serve exited with ${code}: ${stderr}`));
    });
  });
}

async function call(serve, method, input = {}) {
  const response = await fetch(`${serve.origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${method}: ${body.error?.message ?? response.status}`);
  return body.value;
}

/** requestAnimationFrame timestamps for `ms`, and the long tasks the page saw meanwhile. */
function recordFrames(page, ms) {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const times = [];
        const longTasks = [];
        let observer = null;
        try {
          observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push(entry.duration);
          });
          observer.observe({ type: 'longtask' });
        } catch {
          observer = null;
        }
        const start = performance.now();
        const frame = (t) => {
          times.push(t);
          if (t - start < duration) requestAnimationFrame(frame);
          else {
            observer?.disconnect();
            resolve({ times, longTasks, visibility: document.visibilityState });
          }
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function frameStats(times) {
  const intervals = times.slice(1).map((t, i) => t - times[i]);
  const sorted = [...intervals].sort((a, b) => a - b);
  const span = times.length > 1 ? times.at(-1) - times[0] : 0;
  return {
    frames: intervals.length,
    spanMs: span,
    meanFps: span > 0 ? (intervals.length / span) * 1000 : 0,
    meanFrameMs: intervals.length > 0 ? span / intervals.length : null,
    medianFrameMs: quantile(sorted, 0.5),
    p95FrameMs: quantile(sorted, 0.95),
    p99FrameMs: quantile(sorted, 0.99),
    maxFrameMs: sorted.at(-1) ?? null,
    longFrames: intervals.filter((ms) => ms > LONG_FRAME_MS).length,
  };
}

async function measureWindow(page, serve, name, seconds) {
  const job = (await call(serve, 'bench.jobs')).find((j) => j.status === 'running');
  await call(serve, 'app.diagnostics', { reset: true });
  const recorded = await recordFrames(page, seconds * 1000);
  const lag = await call(serve, 'app.diagnostics');
  const telemetry = await call(serve, 'telemetry.recent', { limit: 10 });
  return {
    window: name,
    suiteRunning: Boolean(job),
    suiteProgress: job?.progress?.kind === 'step' ? `${job.progress.title}` : null,
    visibility: recorded.visibility,
    ...frameStats(recorded.times),
    longTasks: recorded.longTasks.length,
    longestTaskMs: recorded.longTasks.length ? Math.max(...recorded.longTasks) : 0,
    telemetryHz: telemetry.length > 1 ? (telemetry.length - 1) / ((telemetry.at(-1).t - telemetry[0].t) / 1000) : null,
    eventLoop: {
      samples: lag.samples,
      resolutionMs: lag.resolutionMs,
      elapsedMs: lag.elapsedMs,
      p50LagMs: lag.lagMs.p50,
      p99LagMs: lag.lagMs.p99,
      maxLagMs: lag.lagMs.max,
    },
  };
}

/**
 * Starts serve and Chromium, starts the Quick CPU suite from the Benchmarks page, measures two
 * windows of `seconds` each while it runs, cancels it and returns the figures.
 */
export async function measureFrameRate({ seconds = 5, chromiumPath, log = () => undefined } = {}) {
  const executablePath = chromiumPath ?? process.env.TUNEBENCH_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}`);
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) throw new Error('run `npm run build` first');
  const home = mkdtempSync(join(os.tmpdir(), 'tunebench-frame-rate-'));
  const serve = await startServe({ TUNEBENCH_HOME: home, TUNEBENCH_TELEMETRY_HZ: '10' });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  let jobId = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${serve.url}#/benchmarks`);
    await page.getByRole('button', { name: 'Run Quick' }).click();
    // The suite has really started once a benchmark step is reported.
    const progress = page.getByTestId('job-progress');
    await page.locator('[data-testid="job-progress"], [role="alert"]').first().waitFor({ timeout: 90_000 });
    if ((await page.getByRole('alert').count()) > 0) {
      throw new Error(`the suite did not start: ${await page.getByRole('alert').first().innerText()}`);
    }
    for (let i = 0; i < 600 && !/\d+\/\d+ /.test(await progress.innerText()); i += 1) await page.waitForTimeout(100);
    jobId = (await call(serve, 'bench.jobs')).find((j) => j.status === 'running')?.id ?? null;
    log(`suite running (job ${jobId}); measuring ${seconds} s on the Benchmarks page`);
    const benchmarks = await measureWindow(page, serve, 'benchmarks page, 2 Hz live CPU chart', seconds);

    await page.evaluate(() => (window.location.hash = '#/hardware'));
    await page.getByRole('heading', { level: 1, name: 'Hardware' }).waitFor();
    await page.getByLabel('Telemetry rate in hertz').selectOption('10');
    await page.waitForTimeout(1500);
    log(`measuring ${seconds} s on the Hardware page at 10 Hz`);
    const hardware = await measureWindow(page, serve, 'hardware page, 10 Hz telemetry, every core', seconds);
    return {
      measuredAt: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`,
      loadAverage: os.loadavg()[0],
      chromium: browser.version(),
      goals: { fps: GOAL_FPS, eventLoopLagP99Ms: GOAL_LAG_P99_MS, longFrameMs: LONG_FRAME_MS },
      windows: [benchmarks, hardware],
      pageErrors: errors,
    };
  } finally {
    if (jobId) await call(serve, 'bench.cancel', { jobId }).catch(() => undefined);
    await browser.close();
    await serve.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

const f = (value, digits = 1) => (value === null || value === undefined ? 'n/a' : value.toFixed(digits));

/** Lines for a terminal: each window's fps and lag p99 with sample counts, against the goals. */
export function formatFrameRate(result) {
  const lines = [];
  for (const w of result.windows) {
    lines.push(`  ${w.window}${w.suiteRunning ? ' (suite running)' : ' (suite NOT running)'}`);
    lines.push(
      `    frame rate                    ${f(w.meanFps)} fps mean over ${w.frames} frames in ${f(w.spanMs / 1000, 2)} s; ` +
        `frame time median ${f(w.medianFrameMs)} ms, p95 ${f(w.p95FrameMs)} ms, max ${f(w.maxFrameMs)} ms; ` +
        `${w.longFrames} frames > ${LONG_FRAME_MS} ms, ${w.longTasks} long tasks ` +
        `(goal ${GOAL_FPS} fps, a mean ≥ ${GOAL_FPS * 0.95} counts as met: ${w.meanFps >= GOAL_FPS * 0.95 ? 'met' : 'MISSED'})`,
    );
    lines.push(
      `    main-process event-loop lag   p99 ${f(w.eventLoop.p99LagMs, 2)} ms, p50 ${f(w.eventLoop.p50LagMs, 2)} ms, max ${f(w.eventLoop.maxLagMs, 2)} ms ` +
        `over ${w.eventLoop.samples} samples (${w.eventLoop.resolutionMs} ms timer) ` +
        `(goal p99 < ${GOAL_LAG_P99_MS} ms: ${w.eventLoop.p99LagMs !== null && w.eventLoop.p99LagMs < GOAL_LAG_P99_MS ? 'met' : 'MISSED'})`,
    );
    if (w.telemetryHz !== null) lines.push(`    telemetry delivered           ${f(w.telemetryHz, 2)} samples/s`);
  }
  return lines;
}

export function writeFrameRate(result, file = join(repoRoot, 'test-results', 'frame-rate.json')) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureFrameRate({ log: (line) => console.error(line) });
  console.log(`renderer frame rate and event-loop lag during the Quick CPU suite (${result.machine})`);
  for (const line of formatFrameRate(result)) console.log(line);
  console.log(`  written to ${writeFrameRate(result)}`);
}
