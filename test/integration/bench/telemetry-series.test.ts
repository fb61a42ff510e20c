import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFor } from '../../../src/main/core/bench/sampling';
import { runSuite } from '../../../src/main/core/bench/suite-runner';
import { MAX_SERIES_POINTS } from '../../../src/main/core/bench/telemetry-summary';
import { builtWorkerPath } from '../../../src/main/core/bench/worker-path';
import { CpuMemorySource } from '../../../src/main/core/hardware/telemetry/cpu-source';
import { TelemetrySampler } from '../../../src/main/core/hardware/telemetry/sampler';
import { nodeWorkerLauncher } from '../../../src/main/core/jobs/node-launcher';
import { buildReport } from '../../../src/main/core/report/build';
import { renderHtmlReport } from '../../../src/main/core/report/html';
import { loadReport } from '../../../src/main/core/report/load';
import { renderReport } from '../../../src/main/core/report/render';
import { openStore } from '../../../src/main/core/store/database';
import { RunRepository } from '../../../src/main/core/store/runs';
import type { Run } from '../../../src/shared/schemas/bench';
import { assertBuilt } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';
import { unbalancedTags } from '../../unit/main/core/report/html/well-formed';

const tempDir = useTempDirs();
let run: Run;
let stored: Run;

beforeAll(async () => {
  assertBuilt();
  const store = openStore(tempDir());
  const runs = new RunRepository(store.db);
  try {
    // A real, short CPU-suite run with the real sampler (2 Hz) alongside, as `bench cpu` does it.
    run = await runSuite(
      {
        jobId: 'job-series',
        kind: 'cpu',
        name: 'telemetry series',
        preset: 'quick',
        level: 'basic',
        options: {},
        specs: [
          { kind: 'js.sort', id: 'sort', title: 'Sort', params: { elements: 1_000_000 } },
          { kind: 'js.sort', id: 'sort-2', title: 'Sort again', params: { elements: 1_000_000 } },
        ],
        plan: planFor('basic', { budgetMs: 2000 }),
        fingerprint: 'machine-a',
      },
      {
        launcher: nodeWorkerLauncher,
        workerPath: builtWorkerPath('bench-worker'),
        runs,
        sampler: new TelemetrySampler({ cpuMemory: new CpuMemorySource() }),
      },
    );
    stored = runs.get(run.id)!;
  } finally {
    store.db.close();
  }
}, 60_000);

describe('telemetry over time in runs and reports', () => {
  it('stores a downsampled series with the run (in its telemetry summary, as the run stored it)', () => {
    const telemetry = run.telemetry!;
    const series = telemetry.series!;
    expect(series.points.length).toBeGreaterThanOrEqual(2);
    expect(series.points.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    expect(series.points.length).toBe(Math.min(telemetry.samples, MAX_SERIES_POINTS));
    const times = series.points.map((p) => p.t);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
    expect(times.at(-1)!).toBeLessThanOrEqual(seconds + 1);
    for (const point of series.points) {
      expect(point.cpuPct).toBeGreaterThanOrEqual(0);
      expect(point.cpuPct).toBeLessThanOrEqual(100);
      expect(point.memoryPct).toBeGreaterThan(0);
      expect(point.memoryPct).toBeLessThan(100);
    }
    // The CPU mean of the summary is the mean of the points when every sample is a point.
    if (series.sliceS === null) {
      const mean = series.points.reduce((sum, p) => sum + p.cpuPct, 0) / series.points.length;
      expect(mean).toBeCloseTo(telemetry.cpuMeanPct, 0);
    }
    expect(stored.telemetry).toEqual(run.telemetry);
  });

  it('draws it as a chart with a text alternative in the HTML, and carries it in the JSON', async () => {
    const report = buildReport({ machine: null, runs: [stored] });
    const page = renderHtmlReport(report);
    const figure = page.match(/<figure class="chart" data-chart="telemetry"[\s\S]*?<\/figure>/)?.[0];
    expect(figure).toBeDefined();
    expect(figure).toMatch(
      /<svg class="chart-svg" viewBox="0 0 1000 230" role="img" aria-label="Utilisation during run #\d+ \(%\)">/,
    );
    expect(figure).toMatch(/<path class="ts-line ts-cpu" d="M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+"/);
    expect(figure).toContain('<path class="ts-line ts-memory"');
    expect(figure).toContain(`${stored.telemetry!.series!.points.length} points over`);
    expect(figure).toMatch(/<table class="data-table small" aria-label="Utilisation during run #\d+ \(%\): data">/);
    expect(page).not.toContain('data-chart="telemetry-power"');
    expect(unbalancedTags(page)).toEqual([]);
    const json = String((await renderReport(report, 'json')).content);
    expect(loadReport(json).runs[0]!.telemetry!.series).toEqual(stored.telemetry!.series);
  });

  it('still renders a run stored without a series (a v1 report), with its summary and no chart', () => {
    const v1 = readFileSync(
      fileURLToPath(new URL('../../fixtures/reports/v1-report-cpu-sort-comparison.json', import.meta.url)),
      'utf8',
    );
    const page = renderHtmlReport(loadReport(v1));
    expect(page).toContain('Telemetry during the run');
    expect(page).not.toContain('data-chart="telemetry"');
    expect(unbalancedTags(page)).toEqual([]);
  });
});
