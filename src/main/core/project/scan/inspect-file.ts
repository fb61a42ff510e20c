import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { countLines } from './count-lines';
import type { LanguageMap } from './languages';
import { errorCode, isInside } from './paths';
import type { ScanState } from './scan-state';
import type { ScanCache } from './types';

/** Above this a file's bytes are counted but its lines are not: reading it would cost more than it tells. */
export const MAX_LINE_COUNT_BYTES = 4 * 1024 * 1024;

export interface FileContext {
  root: string;
  realRoot: string;
  languages: LanguageMap;
  state: ScanState;
  cache?: ScanCache;
}

/**
 * Looks at one listed path: stats it, counts it, and reads it only when it is source in a known
 * language that the cache does not already know. Returns false when the file limit is reached.
 * Problems with one file (gone, unreadable, a link out of the root) are tallied, never thrown.
 */
export async function inspectFile(context: FileContext, relative: string, scratch: Buffer): Promise<boolean> {
  const { state } = context;
  const absolute = join(context.root, relative);
  let info: Stats;
  try {
    info = await lstat(absolute);
  } catch (error) {
    state.skipped.add(unavailableReason(error), relative);
    return true;
  }
  if (info.isSymbolicLink()) {
    state.skipped.add(await symlinkReason(context.realRoot, absolute), relative);
    return true;
  }
  if (info.isDirectory()) {
    // git lists a submodule (or a nested repository) as one entry: its files are another project's.
    state.skipped.add('git submodule or nested repository', relative);
    return true;
  }
  if (!info.isFile()) {
    // Never opened: reading a FIFO would block the scan until someone writes to it.
    state.skipped.add('special file (FIFO, socket or device)', relative);
    return true;
  }
  if (!state.admit(info.size)) return false;
  state.interesting.offer(relative, info.size);

  const language = context.languages.languageOf(relative);
  if (!language) return true;
  if (info.size > MAX_LINE_COUNT_BYTES) {
    state.skipped.add('lines not counted: larger than 4 MiB (bytes counted)', relative);
    state.addLanguage(language, 0, info.size);
    return true;
  }
  const cached = context.cache?.get(relative, info.mtimeMs, info.size);
  let lines: number;
  let binary: boolean;
  if (cached && cached.language === language) {
    state.cacheHits += 1;
    ({ lines, binary } = cached);
  } else {
    state.cacheMisses += 1;
    try {
      ({ lines, binary } = await countLines(absolute, info.size, scratch));
    } catch (error) {
      state.skipped.add(unavailableReason(error), relative);
      return true;
    }
    context.cache?.set(relative, info.mtimeMs, info.size, { lines, binary, language });
  }
  if (binary) state.skipped.add('binary content with a source extension', relative);
  else state.addLanguage(language, lines, info.size);
  return true;
}

function unavailableReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'unreadable file';
  if (code === 'ENOENT') return 'listed but missing (deleted, or removed during the scan)';
  return `unreadable file (${code ?? 'error'})`;
}

/** Links are never followed for counting: a file behind a link inside the root is counted where it lives. */
async function symlinkReason(realRoot: string, path: string): Promise<string> {
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    return 'broken symlink or symlink loop';
  }
  if (!isInside(realRoot, target)) return 'symlink leaving the root';
  try {
    return (await stat(target)).isDirectory()
      ? 'symlink to a folder inside the root'
      : 'symlink to a file inside the root';
  } catch {
    return 'broken symlink or symlink loop';
  }
}
