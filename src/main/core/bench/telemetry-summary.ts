import type { Run } from '../../../shared/schemas/bench';
import type { TelemetrySample } from '../../../shared/schemas/telemetry';

function maxOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** What the machine did during a run, in a few numbers that go into the run and its reports. */
export function summarizeTelemetry(samples: TelemetrySample[]): Run['telemetry'] {
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
  };
}
