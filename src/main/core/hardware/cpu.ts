import os from 'node:os';
import si from 'systeminformation';
import type { CpuProfile } from '../../../shared/schemas/hardware';
import { detectIsaFeatures, splitFlags } from './isa';
import { readCpuInfoMHz, readSysText } from './sysfs';

export interface CpuSources {
  cpu: () => Promise<si.Systeminformation.CpuData>;
  flags: () => Promise<string>;
  sysRoot: string;
}

export const defaultCpuSources: CpuSources = {
  cpu: () => si.cpu(),
  flags: () => si.cpuFlags(),
  sysRoot: '/sys',
};

/** systeminformation reports caches in bytes; 0 means "not known". */
function cacheBytes(value: number | undefined): number | null {
  return value && value > 0 ? value : null;
}

/** systeminformation reports clocks in GHz; 0 means "not known". */
function ghzToMHz(value: number | undefined): number | null {
  return value && value > 0 ? Math.round(value * 1000) : null;
}

export async function collectCpu(sources: CpuSources = defaultCpuSources): Promise<CpuProfile> {
  const [info, flagText, governor, cpuInfoMHz] = await Promise.all([
    sources.cpu(),
    sources.flags(),
    readSysText(`${sources.sysRoot}/devices/system/cpu/cpu0/cpufreq/scaling_governor`),
    readCpuInfoMHz(),
  ]);
  const rawFlags = splitFlags(flagText);
  // Virtual machines often hide the rated clock; the kernel's "cpu MHz" is then the best we have.
  const reportedMHz = cpuInfoMHz.length > 0 ? Math.round(cpuInfoMHz[0]!) : null;
  return {
    vendor: info.manufacturer || 'unknown',
    model: [info.manufacturer, info.brand].filter(Boolean).join(' ').trim() || os.cpus()[0]?.model || 'unknown',
    arch: os.arch(),
    physicalCores: info.physicalCores || info.cores,
    threads: info.cores || os.cpus().length,
    baseClockMHz: ghzToMHz(info.speed) ?? reportedMHz,
    boostClockMHz: ghzToMHz(info.speedMax),
    caches: {
      l1dBytes: cacheBytes(info.cache.l1d),
      l1iBytes: cacheBytes(info.cache.l1i),
      l2Bytes: cacheBytes(info.cache.l2),
      l3Bytes: cacheBytes(info.cache.l3),
    },
    isa: { features: detectIsaFeatures(rawFlags), rawFlags },
    governor,
    virtualized: rawFlags.includes('hypervisor'),
  };
}
