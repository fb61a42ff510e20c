import { listSysDir, readSysNumber, readSysText } from './sysfs';

/**
 * CPU package energy from Linux powercap (Intel RAPL, and AMD's RAPL-compatible driver): each
 * top-level zone has a cumulative energy_uj counter that wraps at max_energy_range_uj. Reading it
 * usually needs root (the counters are 0400 since CVE-2020-8694), which is reported, not hidden.
 */
export interface EnergyZone {
  name: string;
  path: string;
  maxRangeUj: number;
}

export type EnergyProbe = { status: 'present'; zones: EnergyZone[] } | { status: 'absent' | 'unknown'; reason: string };

export async function probeEnergy(sysRoot = '/sys'): Promise<EnergyProbe> {
  const base = `${sysRoot}/class/powercap`;
  let entries: string[] | null;
  try {
    entries = await listSysDir(base);
  } catch (error) {
    return { status: 'unknown', reason: `cannot list ${base}: ${(error as Error).message}` };
  }
  if (entries === null) return { status: 'absent', reason: `no ${base}: this machine exposes no RAPL energy counters` };
  // Top-level package zones only ("intel-rapl:0"), not their subzones ("intel-rapl:0:0").
  const packages = entries.filter((entry) => /^[a-z-]+rapl:\d+$/.test(entry)).sort();
  if (packages.length === 0) return { status: 'absent', reason: `${base} has no RAPL package zone` };
  const zones: EnergyZone[] = [];
  for (const entry of packages) {
    const path = `${base}/${entry}`;
    const energy = await readSysNumber(`${path}/energy_uj`);
    if (energy === null) {
      return { status: 'unknown', reason: `${path}/energy_uj is not readable (needs root since Linux 5.10)` };
    }
    zones.push({
      name: (await readSysText(`${path}/name`)) ?? entry,
      path,
      maxRangeUj: (await readSysNumber(`${path}/max_energy_range_uj`)) ?? Number.MAX_SAFE_INTEGER,
    });
  }
  return { status: 'present', zones };
}

export interface EnergyReading {
  /** Per zone, the counter in µJ. */
  counters: number[];
  atMs: number;
}

export async function readEnergy(
  zones: EnergyZone[],
  now: () => number = () => performance.now(),
): Promise<EnergyReading | null> {
  const counters: number[] = [];
  for (const zone of zones) {
    const value = await readSysNumber(`${zone.path}/energy_uj`);
    if (value === null) return null;
    counters.push(value);
  }
  return { counters, atMs: now() };
}

/** Joules and mean watts between two readings, handling counter wrap-around. */
export function energyBetween(
  zones: EnergyZone[],
  start: EnergyReading,
  end: EnergyReading,
): { joules: number; watts: number } {
  let microjoules = 0;
  zones.forEach((zone, i) => {
    const delta = end.counters[i]! - start.counters[i]!;
    microjoules += delta >= 0 ? delta : delta + zone.maxRangeUj;
  });
  const seconds = (end.atMs - start.atMs) / 1000;
  return { joules: microjoules / 1e6, watts: seconds > 0 ? microjoules / 1e6 / seconds : 0 };
}
