import { readdirSync, readFileSync } from 'node:fs';
import { USER_HZ } from './proc-stat';

/** utime + stime + cutime + cstime of one process (its own CPU and its reaped children's), in jiffies. */
function processJiffies(pid: number, procRoot: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14–17.
  const values = fields.slice(11, 15).map(Number);
  return values.every(Number.isFinite) ? values.reduce((a, b) => a + b, 0) : null;
}

function childrenOf(pid: number, procRoot: string): number[] {
  const children: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`${procRoot}/${pid}/task`);
  } catch {
    return children;
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`${procRoot}/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    } catch {
      // a thread that ended meanwhile, or a kernel without CONFIG_PROC_CHILDREN: its children stay uncounted
    }
  }
  return children;
}

/**
 * CPU time of a process and everything below it, in µs: its own, its reaped children's (cutime/cstime), and its
 * live descendants' (a persistent spawn helper and the commands it waited for). Null where /proc cannot say
 * (not Linux): the caller then falls back to what it can count.
 */
export function processTreeCpuUs(pid = process.pid, procRoot = '/proc'): number | null {
  const own = processJiffies(pid, procRoot);
  if (own === null) return null;
  let jiffies = own;
  const pending = childrenOf(pid, procRoot);
  const seen = new Set<number>([pid]);
  while (pending.length > 0) {
    const child = pending.pop()!;
    if (seen.has(child)) continue;
    seen.add(child);
    jiffies += processJiffies(child, procRoot) ?? 0;
    pending.push(...childrenOf(child, procRoot));
  }
  return (jiffies * 1_000_000) / USER_HZ;
}
