import type { Run } from '../../../shared/schemas/bench';
import type { TelemetrySample } from '../../../shared/schemas/telemetry';

export type TelemetrySummary = NonNullable<Run['telemetry']>;
export type TelemetrySeries = NonNullable<TelemetrySummary['series']>;
export type TelemetryPoint = TelemetrySeries['points'][number];

/** Enough for a chart across the report's width; a long run is averaged into this many slices. */
export const MAX_SERIES_POINTS = 300;

function maxOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

function meanOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round1OrNull = (value: number | null): number | null => (value === null ? null : round1(value));

function memoryPct(sample: TelemetrySample): number {
  return sample.memory.totalBytes > 0 ? (sample.memory.usedBytes / sample.memory.totalBytes) * 100 : 0;
}

/** One point: the mean of a slice of samples (CPU, memory, each GPU's utilisation and power). */
function point(slice: readonly TelemetrySample[], originMs: number): TelemetryPoint {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const gpuIndexes = [...new Set(slice.flatMap((s) => s.gpus.map((g) => g.index)))].sort((a, b) => a - b);
  return {
    t: round1((mean(slice.map((s) => s.t)) - originMs) / 1000),
    cpuPct: round1(mean(slice.map((s) => s.cpu.totalPct))),
    memoryPct: round1(mean(slice.map(memoryPct))),
    gpus: gpuIndexes.map((index) => {
      const readings = slice.flatMap((s) => s.gpus.filter((g) => g.index === index));
      return {
        index,
        utilizationPct: round1OrNull(meanOrNull(readings.map((g) => g.utilizationPct))),
        powerW: round1OrNull(meanOrNull(readings.map((g) => g.powerW))),
      };
    }),
  };
}

/**
 * The samples as a time series of at most `maxPoints` points. Longer series are cut into equal
 * time slices and each slice averaged (utilisation over a slice is its mean; the peaks stay in
 * the summary's maxima); slices without a sample are left out, so a pause stays visible as a gap.
 */
export function downsampleTelemetry(
  samples: readonly TelemetrySample[],
  originMs: number,
  maxPoints = MAX_SERIES_POINTS,
): TelemetrySeries {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  if (sorted.length <= maxPoints) {
    return { sliceS: null, points: sorted.map((sample) => point([sample], originMs)) };
  }
  const first = sorted[0]!.t;
  const sliceMs = (sorted.at(-1)!.t - first) / maxPoints;
  const slices: TelemetrySample[][] = [];
  for (const sample of sorted) {
    const index = sliceMs > 0 ? Math.min(maxPoints - 1, Math.floor((sample.t - first) / sliceMs)) : 0;
    (slices[index] ??= []).push(sample);
  }
  return {
    sliceS: Math.round(sliceMs) / 1000,
    points: slices.filter((slice) => slice !== undefined).map((slice) => point(slice, originMs)),
  };
}

/**
 * What the machine did during a run, in a few numbers and a downsampled time series, that go into
 * the run and its reports. `originMs` is when the run started (the series' zero); by default the
 * first sample.
 */
export function summarizeTelemetry(samples: TelemetrySample[], originMs?: number): Run['telemetry'] {
  if (samples.length === 0) return null;
  const cpu = samples.map((s) => s.cpu.totalPct);
  return {
    samples: samples.length,
    cpuMeanPct: Math.round((cpu.reduce((a, b) => a + b, 0) / cpu.length) * 10) / 10,
    cpuMaxPct: Math.max(...cpu),
    memoryMaxUsedBytes: Math.max(...samples.map((s) => s.memory.usedBytes)),
    cpuMaxTemperatureC: maxOrNull(samples.map((s) => s.cpu.temperatureC)),
    gpuMaxPowerW: maxOrNull(samples.flatMap((s) => s.gpus.map((g) => g.powerW))),
    gpuMaxTemperatureC: maxOrNull(samples.flatMap((s) => s.gpus.map((g) => g.temperatureC))),
    series: downsampleTelemetry(samples, originMs ?? Math.min(...samples.map((s) => s.t))),
  };
}
