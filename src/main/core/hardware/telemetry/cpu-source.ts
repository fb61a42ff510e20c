import os from 'node:os';
import si from 'systeminformation';
import type { TelemetrySample } from '../../../../shared/schemas/telemetry';
import { ProcCpuLoad } from '../cpu-time/proc-stat';
import { listSysDir, readCpuInfoMHz, readSysNumber, readSysText } from '../sysfs';
import { readProcMeminfo } from './proc-meminfo';

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
  private readonly procLoad: ProcCpuLoad;

  constructor(
    private readonly sysRoot = '/sys',
    private readonly procRoot = '/proc',
  ) {
    this.procLoad = new ProcCpuLoad(`${procRoot}/stat`);
  }

  async read(): Promise<CpuMemoryReading> {
    this.temperatureFile ??= findCpuTemperatureFile(this.sysRoot);
    // Both measure since their previous call, so each sample covers one sampler interval. On Linux the counters
    // are read from /proc directly: systeminformation spawns three processes per currentLoad() there.
    const procLoad = this.procLoad.read();
    const procMemory = procLoad ? readProcMeminfo(`${this.procRoot}/meminfo`) : null;
    const [load, memory, freqMHz, temperatureFile] = await Promise.all([
      procLoad ?? si.currentLoad().then((l) => ({ totalPct: l.currentLoad, perCorePct: l.cpus.map((c) => c.load) })),
      procMemory ?? si.mem().then((m) => ({ totalBytes: m.total, availableBytes: m.available })),
      readFrequencies(),
      this.temperatureFile,
    ]);
    const milli = temperatureFile ? await readSysNumber(temperatureFile) : null;
    return {
      cpu: {
        totalPct: round1(load.totalPct),
        perCorePct: load.perCorePct.map(round1),
        freqMHz,
        temperatureC: milli === null ? null : round1(milli / 1000),
      },
      memory: {
        usedBytes: memory.totalBytes - memory.availableBytes,
        availableBytes: memory.availableBytes,
        totalBytes: memory.totalBytes,
      },
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
