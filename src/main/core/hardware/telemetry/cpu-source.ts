import os from 'node:os';
import si from 'systeminformation';
import type { TelemetrySample } from '../../../../shared/schemas/telemetry';
import { listSysDir, readCpuInfoMHz, readSysNumber, readSysText } from '../sysfs';

/** Thermal zone types that measure the CPU package, in order of preference. */
const CPU_THERMAL_TYPES = ['x86_pkg_temp', 'cpu-thermal', 'cpu_thermal', 'soc_thermal', 'acpitz'];
/** hwmon chips that measure the CPU (Intel coretemp, AMD k10temp/zenpower). */
const CPU_HWMON_NAMES = ['coretemp', 'k10temp', 'zenpower', 'cpu_thermal'];

/**
 * Finds a file whose value is the CPU temperature in millidegrees. Resolved once: the sampler
 * then reads one small file per sample instead of spawning `sensors` (systeminformation's
 * cpuTemperature shells out on every call, too costly at 10 Hz).
 */
export async function findCpuTemperatureFile(sysRoot = '/sys'): Promise<string | null> {
  const zones = (await listSysDir(`${sysRoot}/class/thermal`).catch(() => null)) ?? [];
  const typed: Array<[string, string]> = [];
  for (const zone of zones.filter((name) => name.startsWith('thermal_zone'))) {
    const type = await readSysText(`${sysRoot}/class/thermal/${zone}/type`);
    if (type) typed.push([type, `${sysRoot}/class/thermal/${zone}/temp`]);
  }
  for (const wanted of CPU_THERMAL_TYPES) {
    const hit = typed.find(([type]) => type === wanted);
    if (hit) return hit[1];
  }
  const monitors = (await listSysDir(`${sysRoot}/class/hwmon`).catch(() => null)) ?? [];
  for (const monitor of monitors) {
    const name = await readSysText(`${sysRoot}/class/hwmon/${monitor}/name`);
    if (name && CPU_HWMON_NAMES.includes(name)) return `${sysRoot}/class/hwmon/${monitor}/temp1_input`;
  }
  return null;
}

export interface CpuMemoryReading {
  cpu: TelemetrySample['cpu'];
  memory: TelemetrySample['memory'];
}

export class CpuMemorySource {
  private temperatureFile: Promise<string | null> | null = null;

  constructor(private readonly sysRoot = '/sys') {}

  async read(): Promise<CpuMemoryReading> {
    this.temperatureFile ??= findCpuTemperatureFile(this.sysRoot);
    // currentLoad measures since its previous call, so each sample covers one sampler interval.
    const [load, mem, freqMHz, temperatureFile] = await Promise.all([
      si.currentLoad(),
      si.mem(),
      readFrequencies(),
      this.temperatureFile,
    ]);
    const milli = temperatureFile ? await readSysNumber(temperatureFile) : null;
    return {
      cpu: {
        totalPct: round1(load.currentLoad),
        perCorePct: load.cpus.map((core) => round1(core.load)),
        freqMHz,
        temperatureC: milli === null ? null : round1(milli / 1000),
      },
      memory: { usedBytes: mem.total - mem.available, availableBytes: mem.available, totalBytes: mem.total },
    };
  }
}

async function readFrequencies(): Promise<number[]> {
  const fromNode = os.cpus().map((cpu) => cpu.speed);
  if (fromNode.length > 0 && fromNode.every((speed) => speed > 0)) return fromNode;
  const fromProc = await readCpuInfoMHz();
  return fromProc.map((mhz) => Math.round(mhz));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
