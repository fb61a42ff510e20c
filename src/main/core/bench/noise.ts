import type { TelemetrySample } from '../../../shared/schemas/telemetry';

export interface NoiseInput {
  /** Telemetry samples taken while the benchmark ran. */
  telemetry: TelemetrySample[];
  /** CPU time the benchmark's own worker used, and the wall time it ran. */
  workerCpuTimeUs: number;
  wallMs: number;
  logicalCpus: number;
  /**
   * Busy CPU time of the whole machine over the same wall time (from /proc/stat), in µs: exact where the sampled
   * telemetry is not (a short round has one or two samples). When given, it decides "machine busy".
   */
  machineBusyUs?: number | null;
}

/** Share of the machine used by other processes above which a result is flagged. */
const BUSY_MACHINE_SHARE = 0.1;
/** Relative spread of the mean CPU clock above which a clock change is flagged. */
const CLOCK_CHANGE = 0.1;

/**
 * Noise warnings attached to a result: other processes loading the machine, the CPU clock moving
 * (turbo, power saving, thermal limits), and GPU throttling. Each says what was seen, in numbers.
 */
/** Matches the warnings below that say a measurement was disturbed (busy machine, clock change, throttling). */
export const DISTURBANCE_WARNING = /^(machine busy|throttling during the run|CPU clock changed|CPU reached .* thermal)/;

export function detectNoise(input: NoiseInput): string[] {
  const warnings: string[] = [];
  const { telemetry } = input;
  const exact = typeof input.machineBusyUs === 'number' && input.wallMs > 0;
  if (telemetry.length < 2 && !exact) return warnings;

  const capacityUs = input.wallMs * 1000 * input.logicalCpus;
  const ownPct = input.wallMs > 0 ? (input.workerCpuTimeUs / capacityUs) * 100 : 0;
  const totalPct = exact
    ? (input.machineBusyUs! / capacityUs) * 100
    : telemetry.reduce((sum, s) => sum + s.cpu.totalPct, 0) / telemetry.length;
  const otherPct = totalPct - ownPct;
  if (otherPct > BUSY_MACHINE_SHARE * 100) {
    warnings.push(
      `machine busy: other processes used ${otherPct.toFixed(0)} % of the CPU during the run (benchmark itself ${ownPct.toFixed(0)} %)`,
    );
  }

  const meanClocks = telemetry
    .map((s) => (s.cpu.freqMHz.length > 0 ? s.cpu.freqMHz.reduce((a, b) => a + b, 0) / s.cpu.freqMHz.length : null))
    .filter((v): v is number => v !== null && v > 0);
  if (meanClocks.length >= 2) {
    const low = Math.min(...meanClocks);
    const high = Math.max(...meanClocks);
    if ((high - low) / high > CLOCK_CHANGE) {
      warnings.push(`CPU clock changed during the run: ${Math.round(low)}–${Math.round(high)} MHz`);
    }
  }

  const throttles = new Set<string>();
  for (const sample of telemetry) {
    for (const gpu of sample.gpus) {
      for (const reason of gpu.throttleReasons) {
        if (reason !== 'gpu_idle' && reason !== 'applications_clocks_setting')
          throttles.add(`GPU ${gpu.index} ${reason}`);
      }
    }
  }
  if (throttles.size > 0) warnings.push(`throttling during the run: ${[...throttles].join(', ')}`);

  const temperatures = telemetry.map((s) => s.cpu.temperatureC).filter((t): t is number => t !== null);
  if (temperatures.length > 0 && Math.max(...temperatures) >= 95) {
    warnings.push(`CPU reached ${Math.max(...temperatures)} °C: thermal throttling is likely`);
  }
  return warnings;
}
