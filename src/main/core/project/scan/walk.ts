import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAborted } from './abort';
import { ExclusionRules } from './excluded';
import { extendChain, isIgnored, type IgnoreChain } from './ignore-rules';
import { errorCode, isInside } from './paths';
import type { SkipTally } from './skipped';

export interface WalkContext {
  root: string;
  /** The root with symlinks resolved: what "inside the root" is measured against. */
  realRoot: string;
  exclusions: ExclusionRules;
  skipped: SkipTally;
  signal?: AbortSignal;
}

interface PendingFolder {
  relative: string;
  real: string;
  chain: IgnoreChain;
}

/**
 * Walks a tree that is not a git repository, yielding file paths relative to the root ('/'
 * separators). Honours every .gitignore on the way down, prunes vendored and build folders, and
 * follows a symlinked folder only when it stays inside the root and was not seen before (by real
 * path), which is what keeps a symlink loop from running forever. Depth-first with an explicit
 * stack: memory grows with the number of pending folders, not with the number of files.
 */
export async function* walkFiles(context: WalkContext): AsyncGenerator<string> {
  const { root, realRoot, exclusions, skipped, signal } = context;
  const visited = new Set<string>([realRoot]);
  const stack: PendingFolder[] = [{ relative: '', real: realRoot, chain: [] }];
  while (stack.length > 0) {
    throwIfAborted(signal);
    const folder = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(join(root, folder.relative), { withFileTypes: true });
    } catch (error) {
      const code = errorCode(error);
      const reason = code === 'EACCES' || code === 'EPERM' ? 'unreadable folder' : 'folder vanished during the scan';
      skipped.add(reason, folder.relative || '.');
      continue;
    }
    const chain = entries.some((entry) => entry.name === '.gitignore')
      ? await extendChain(folder.chain, root, folder.relative)
      : folder.chain;
    const children: PendingFolder[] = [];
    for (const entry of entries) {
      const relative = folder.relative ? `${folder.relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const reason = ExclusionRules.mayExclude(entry.name)
          ? await exclusions.reasonFor(folder.relative, entry.name)
          : undefined;
        if (reason) skipped.addFolder(reason, relative);
        else if (!isIgnored(chain, relative, true)) {
          const real = join(folder.real, entry.name);
          if (visited.has(real)) skipped.add('symlink loop or folder reached twice', relative);
          else {
            visited.add(real);
            children.push({ relative, real, chain });
          }
        }
      } else if (isIgnored(chain, relative, false)) {
        continue;
      } else if (entry.isSymbolicLink()) {
        const target = await linkedFolder(join(root, relative));
        if (target === undefined)
          yield relative; // a file link, or a broken one: the file step judges it
        else if (!isInside(realRoot, target)) skipped.add('symlink leaving the root', relative);
        else if (visited.has(target)) skipped.add('symlink loop or folder reached twice', relative);
        else {
          visited.add(target);
          children.push({ relative, real: target, chain });
        }
      } else {
        yield relative;
      }
    }
    // Reversed so folders come off the stack in directory order: stable output for a stable tree.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
}

/** The real path of the folder a symlink points to, or undefined when it points to anything else. */
async function linkedFolder(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return undefined;
    return await realpath(path);
  } catch {
    return undefined;
  }
}
