import { readdir, readFile } from 'node:fs/promises';

/** Reads a small sysfs/procfs text file; null when missing or unreadable (permissions, no such node). */
export async function readSysText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function readSysNumber(path: string): Promise<number | null> {
  const text = await readSysText(path);
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Lists a sysfs directory; null when it does not exist, throws on other errors (e.g. EACCES). */
export async function listSysDir(path: string): Promise<string[] | null> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Current MHz per logical CPU from /proc/cpuinfo (Linux x86); empty elsewhere. */
export async function readCpuInfoMHz(path = '/proc/cpuinfo'): Promise<number[]> {
  const text = await readSysText(path);
  if (text === null) return [];
  const values: number[] = [];
  for (const match of text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)) {
    values.push(Number(match[1]));
  }
  return values;
}
