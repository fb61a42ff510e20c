import type { TelemetrySample } from '../../../shared/schemas/telemetry';

/** Appends samples and keeps the newest `max` (the chart's window), without mutating the input. */
export function appendSamples(window: TelemetrySample[], incoming: TelemetrySample[], max: number): TelemetrySample[] {
  if (incoming.length === 0) return window;
  const merged = window.concat(incoming);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** How many samples fill `seconds` at `hz`. */
export function windowSize(hz: number, seconds: number): number {
  return Math.max(2, Math.ceil(hz * seconds));
}

export interface CpuChartRow {
  t: number;
  total: number;
  [core: `core${number}`]: number;
}

/** Rows for the per-core chart: one key per core so each is its own line. */
export function cpuRows(samples: TelemetrySample[]): CpuChartRow[] {
  return samples.map((sample) => {
    const row: CpuChartRow = { t: sample.t, total: sample.cpu.totalPct };
    sample.cpu.perCorePct.forEach((pct, core) => {
      row[`core${core}`] = pct;
    });
    return row;
  });
}

/** Throttle reasons that mean a real slowdown (idle is reported as a reason but is not one). */
export function activeThrottles(sample: TelemetrySample | undefined): string[] {
  if (!sample) return [];
  return sample.gpus.flatMap((gpu) =>
    gpu.throttleReasons.filter((reason) => reason !== 'gpu_idle').map((reason) => `GPU ${gpu.index}: ${reason}`),
  );
}
