import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFrameRate, frameStats, measureFrameRate, writeFrameRate } from '../bench/frame-rate.mjs';
import { assertBuilt } from '../helpers/cli';
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
