import type { GpuSample } from '../../../../shared/schemas/telemetry';
import { smiNumber, smiText } from './units';

/**
 * Fields of the telemetry query, in order. R535 renamed clocks_throttle_reasons.* to
 * clocks_event_reasons.*; older drivers reject the new name, so the stream falls back.
 */
export function telemetryFields(
  reasonsField: 'clocks_event_reasons.active' | 'clocks_throttle_reasons.active',
): string[] {
  return [
    'index',
    'utilization.gpu',
    'memory.used',
    'memory.total',
    'clocks.sm',
    'power.draw',
    'temperature.gpu',
    reasonsField,
  ];
}

/**
 * NVML's clock event reason bits (nvml.h, nvmlClocksEventReason*). "gpu_idle" is reported
 * but is not a slowdown; consumers that look for throttling should ignore it.
 */
const REASON_BITS: ReadonlyArray<[number, string]> = [
  [0x1, 'gpu_idle'],
  [0x2, 'applications_clocks_setting'],
  [0x4, 'sw_power_cap'],
  [0x8, 'hw_slowdown'],
  [0x10, 'sync_boost'],
  [0x20, 'sw_thermal_slowdown'],
  [0x40, 'hw_thermal_slowdown'],
  [0x80, 'hw_power_brake_slowdown'],
  [0x100, 'display_clock_setting'],
];

export function decodeClockReasons(mask: string): string[] {
  const text = smiText(mask);
  if (text === null) return [];
  const value = Number.parseInt(text, 16);
  if (!Number.isFinite(value)) return [];
  return REASON_BITS.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
}

/** Splits one CSV line of `--format=csv,noheader,nounits`; nvidia-smi never quotes these fields. */
function splitCsvLine(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}

/** Parses one line of the telemetry query; null for blank or malformed lines (never throws). */
export function parseTelemetryLine(line: string): GpuSample | null {
  const cells = splitCsvLine(line);
  if (cells.length !== 8) return null;
  const index = smiNumber(cells[0]);
  if (index === null) return null;
  return {
    index,
    utilizationPct: smiNumber(cells[1]),
    memoryUsedMiB: smiNumber(cells[2]),
    memoryTotalMiB: smiNumber(cells[3]),
    smClockMHz: smiNumber(cells[4]),
    powerW: smiNumber(cells[5]),
    temperatureC: smiNumber(cells[6]),
    throttleReasons: decodeClockReasons(cells[7] ?? ''),
  };
}

/** Parses `--query-gpu=index,compute_cap --format=csv,noheader` into index → "8.9". */
export function parseComputeCapabilities(text: string): Map<number, string> {
  const result = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [index, cap] = splitCsvLine(line);
    const i = smiNumber(index);
    const value = smiText(cap);
    if (i !== null && value !== null && /^\d+\.\d+$/.test(value)) result.set(i, value);
  }
  return result;
}
