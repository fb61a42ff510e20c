import { describe, expect, it } from 'vitest';
import { summarizeTelemetry } from '../../../../../../src/main/core/bench/telemetry-summary';
import { renderHtmlReport } from '../../../../../../src/main/core/report/html';
import { OVERALL_LABEL, overallTone } from '../../../../../../src/main/core/report/tune-format';
import { buildReport } from '../../../../../../src/main/core/report/build';
import type { TelemetrySample } from '../../../../../../src/shared/schemas/telemetry';
import { cpuRun, machine } from './fixtures';
import { unbalancedTags } from './well-formed';

/** What the sampler reports on a machine with two NVIDIA GPUs, the second without a power reading. */
function sample(t: number, i: number): TelemetrySample {
  const gpu = (index: number, utilizationPct: number | null, powerW: number | null) => ({
    index,
    utilizationPct,
    powerW,
    memoryUsedMiB: 1000,
    memoryTotalMiB: 24000,
    smClockMHz: 1800,
    temperatureC: 60,
    throttleReasons: [],
  });
  return {
    t,
    cpu: { totalPct: 20 + (i % 10), perCorePct: [], freqMHz: [], temperatureC: 55 },
    memory: { usedBytes: 8 * 2 ** 30, availableBytes: 24 * 2 ** 30, totalBytes: 32 * 2 ** 30 },
    gpus: [gpu(0, 90, 250 + (i % 5)), gpu(1, i < 5 ? null : 40, null)],
    npus: [],
  };
}

describe('telemetry charts in the HTML report', () => {
  it('draws utilisation (CPU, memory, each GPU) and GPU power against time, each with its numbers as text', () => {
    const start = Date.parse('2026-11-22T02:00:00.000Z');
    const telemetry = summarizeTelemetry(
      Array.from({ length: 40 }, (_, i) => sample(start + 500 + i * 500, i)),
      start,
    );
    const page = renderHtmlReport(buildReport({ machine: machine(), runs: [cpuRun(1, 3, 1, 24, { telemetry })] }));
    const usage = page.match(/<figure class="chart" data-chart="telemetry"[\s\S]*?<\/figure>/)![0];
    expect(usage).toContain('40 points over 19.5 s, one point per sample');
    for (const series of ['ts-cpu', 'ts-memory', 'ts-gpu', 'ts-gpu ts-alt'])
      expect(usage).toContain(`<path class="ts-line ${series}"`);
    // GPU 1 reported no utilisation for its first five samples: its line starts later.
    const gpu1 = usage.match(/<path class="ts-line ts-gpu ts-alt" d="([^"]+)"/)![1]!;
    expect(gpu1.match(/M/g)).toHaveLength(1);
    expect(gpu1.match(/L/g)).toHaveLength(34);
    expect(usage).toMatch(/<td>memory in use<\/td>\s*<td class="num">25\.0<\/td>/);
    expect(usage).toMatch(/<td>GPU 0<\/td>\s*<td class="num">90\.0<\/td>/);
    const power = page.match(/<figure class="chart" data-chart="telemetry-power"[\s\S]*?<\/figure>/)![0];
    expect(power).toContain('aria-label="GPU power during run #1 (W)"');
    expect(power).toContain('<path class="ts-line ts-power"');
    // GPU 1 never reported power: no line and no row for it.
    expect(power).not.toContain('GPU 1 board power');
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('says so instead of drawing one point, and draws nothing for a run without a series', () => {
    const start = Date.parse('2026-11-22T02:00:00.000Z');
    const one = summarizeTelemetry([sample(start + 100, 0)], start);
    const page = renderHtmlReport(buildReport({ machine: null, runs: [cpuRun(1, 3, 1, 24, { telemetry: one })] }));
    expect(page).toContain('Telemetry over time: 1 point, too few to draw.');
    expect(page).not.toContain('data-chart="telemetry');
    const { series: _series, ...summaryOnly } = one!;
    const old = renderHtmlReport(
      buildReport({ machine: null, runs: [cpuRun(1, 3, 1, 24, { telemetry: summaryOnly })] }),
    );
    expect(old).toContain('Telemetry during the run');
    expect(old).not.toContain('Telemetry over time');
  });
});

describe('verdict tones of applied changes', () => {
  it('marks regressions and broken builds or tests red, improvements green', () => {
    expect(overallTone('improved')).toBe('good');
    expect(overallTone('no-change')).toBe('neutral');
    for (const verdict of ['regressed', 'broke-build', 'broke-tests'] as const)
      expect(overallTone(verdict)).toBe('bad');
    expect(OVERALL_LABEL['broke-tests']).toBe('broke the tests');
  });
});
