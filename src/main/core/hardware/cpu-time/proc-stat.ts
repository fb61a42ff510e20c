import { readFileSync } from 'node:fs';

/** Jiffies per second of /proc/stat: USER_HZ, 100 on every Linux architecture Node runs on. */
export const USER_HZ = 100;

/** One "cpu" or "cpuN" line of /proc/stat, in jiffies: busy (user, nice, system, irq, softirq) and total. */
export interface CpuCounters {
  busy: number;
  /** busy + idle + iowait (not steal or guest: time the hypervisor took is nobody's here). */
  total: number;
}

/** The machine line and one line per CPU, or null where /proc/stat is missing or unreadable (not Linux). */
export function readProcStat(path = '/proc/stat'): { machine: CpuCounters; cores: CpuCounters[] } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let machine: CpuCounters | null = null;
  const cores: CpuCounters[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) break; // the cpu lines come first
    const fields = line.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq] = fields.slice(1, 8).map(Number);
    const values = [user, nice, system, idle, iowait, irq, softirq];
    if (values.some((value) => value === undefined || !Number.isFinite(value))) return null;
    const busy = user! + nice! + system! + irq! + softirq!;
    const counters = { busy, total: busy + idle! + iowait! };
    if (fields[0] === 'cpu') machine = counters;
    else cores.push(counters);
  }
  return machine ? { machine, cores } : null;
}

/**
 * CPU time the whole machine spent busy since boot, in µs; null where there is no /proc/stat. One read costs a
 * few µs and no process, so a window of any length is measured exactly, which a sampler averaging a few points
 * over half a second cannot.
 */
export function machineBusyCpuUs(path = '/proc/stat'): number | null {
  const stat = readProcStat(path);
  return stat ? (stat.machine.busy * 1_000_000) / USER_HZ : null;
}

function percent(now: CpuCounters, before: CpuCounters | undefined): number {
  if (!before) return 0;
  const total = now.total - before.total;
  return total > 0 ? ((now.busy - before.busy) / total) * 100 : 0;
}

/**
 * CPU utilisation since the previous read, machine-wide and per core, from /proc/stat: what systeminformation's
 * currentLoad gives, without the `sh -c "cat /proc/stat | grep cpu"` it spawns on every call (three processes per
 * telemetry sample, on the machine being measured).
 */
export class ProcCpuLoad {
  private previous: ReturnType<typeof readProcStat> = null;

  constructor(private readonly path = '/proc/stat') {}

  /** null where /proc/stat cannot be read; the first read covers the time since boot. */
  read(): { totalPct: number; perCorePct: number[] } | null {
    const now = readProcStat(this.path);
    if (!now) return null;
    const before = this.previous ?? { machine: { busy: 0, total: 0 }, cores: [] };
    this.previous = now;
    return {
      totalPct: percent(now.machine, before.machine),
      perCorePct: now.cores.map((core, index) => percent(core, before.cores[index] ?? { busy: 0, total: 0 })),
    };
  }
}
