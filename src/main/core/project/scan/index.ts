import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ScanResult } from '../types';
import { throwIfAborted } from './abort';
import { ExclusionRules } from './excluded';
import { isGitWorkTree, listGitFiles } from './git-list';
import { inspectFile } from './inspect-file';
import { loadLanguageMap } from './languages';
import { drain } from './pool';
import { ScanState } from './scan-state';
import { throttleProgress } from './throttle';
import type { ScanOptions } from './types';
import { walkFiles } from './walk';

export type { CachedFile, ScanCache, ScanOptions } from './types';
export { MemoryScanCache } from './memory-cache';
export { JsonFileScanCache } from './json-file-cache';

const DEFAULT_MAX_FILES = 1_000_000;
/** Files read at once by default: enough to hide disk latency, few enough to stay far from the fd limit. */
export const DEFAULT_SCAN_CONCURRENCY = 32;
const SCRATCH_BYTES = 64 * 1024;

/**
 * Lists a project's files (git's view in a repository, an ignore-aware walk elsewhere), skips
 * vendored and build folders, and counts files, bytes and lines per language. Memory is bounded
 * by the number of languages and the capped list of interesting files, not by the tree.
 *
 * `stats.files` and `stats.bytes` cover every regular file counted, binary ones included;
 * `languages` covers text files in a language linguist knows.
 */
export async function scanProject(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const { signal, cache } = options;
  const concurrency = options.concurrency ?? DEFAULT_SCAN_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`scan concurrency must be a whole number of at least 1, not ${concurrency}`);
  }
  const absoluteRoot = resolve(root);
  if (!(await stat(absoluteRoot)).isDirectory()) throw new Error(`${absoluteRoot} is not a folder`);
  const realRoot = await realpath(absoluteRoot);
  const [languages, inGit] = await Promise.all([loadLanguageMap(), isGitWorkTree(absoluteRoot)]);
  throwIfAborted(signal);

  const state = new ScanState(options.maxFiles ?? DEFAULT_MAX_FILES);
  const exclusions = new ExclusionRules(absoluteRoot);
  const source = inGit
    ? excludeFolders(listGitFiles(absoluteRoot, signal), exclusions, state)
    : walkFiles({ root: absoluteRoot, realRoot, exclusions, skipped: state.skipped, signal });
  const progress = throttleProgress(options.onProgress);
  const scratch = Array.from({ length: concurrency }, () => Buffer.allocUnsafe(SCRATCH_BYTES));
  const context = { root: absoluteRoot, realRoot, languages, state, cache };

  await drain(source, concurrency, async (relative, worker) => {
    throwIfAborted(signal);
    const more = await inspectFile(context, relative, scratch[worker]!);
    progress.report(state.files);
    return more;
  });
  throwIfAborted(signal);
  progress.flush(state.files);
  await cache?.persist?.();
  return state.toResult(absoluteRoot, inGit ? 'git ls-files' : 'walk', performance.now() - started);
}

/** git lists files, not folders: drop those under a vendored or build folder, counting each folder once. */
async function* excludeFolders(
  paths: AsyncGenerator<string>,
  exclusions: ExclusionRules,
  state: ScanState,
): AsyncGenerator<string> {
  try {
    for await (const path of paths) {
      const reason = await excludedBy(path, exclusions);
      if (reason) state.skipped.addFolder(reason.reason, reason.folder);
      else yield path;
    }
  } finally {
    await paths.return(undefined);
  }
}

async function excludedBy(
  path: string,
  exclusions: ExclusionRules,
): Promise<{ reason: string; folder: string } | undefined> {
  let start = 0;
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', start)) {
    const name = path.slice(start, slash);
    if (ExclusionRules.mayExclude(name)) {
      const parent = start === 0 ? '' : path.slice(0, start - 1);
      const reason = await exclusions.reasonFor(parent, name);
      if (reason) return { reason, folder: path.slice(0, slash) };
    }
    start = slash + 1;
  }
  return undefined;
}
