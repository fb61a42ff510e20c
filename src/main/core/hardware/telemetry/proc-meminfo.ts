import { readFileSync } from 'node:fs';

/** Memory from /proc/meminfo (kB), or null where it cannot be read: what si.mem() reads, minus the rest of its work. */
export function readProcMeminfo(path = '/proc/meminfo'): { totalBytes: number; availableBytes: number } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const kb = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  const totalBytes = kb('MemTotal');
  // MemAvailable exists since Linux 3.14; before it, free + buffers + cache is the usual estimate.
  const availableBytes = kb('MemAvailable') ?? (kb('MemFree') ?? 0) + (kb('Buffers') ?? 0) + (kb('Cached') ?? 0);
  return totalBytes === null ? null : { totalBytes, availableBytes };
}
