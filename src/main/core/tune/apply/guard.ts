import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileEdit } from '../types';

export class OutsideRootError extends Error {}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest (new files). */
function realPathOrAncestor(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      current = parent;
    }
  }
}

/**
 * Refuses any edit whose target is absolute, climbs with "..", or resolves (through symlinks)
 * outside `dir`: a fix may only ever write inside the project it was found in.
 */
export function assertInsideRoot(dir: string, edits: readonly FileEdit[]): void {
  const realRoot = realpathSync(dir);
  for (const edit of edits) {
    if (isAbsolute(edit.file) || edit.file.split(/[\\/]/).includes('..')) {
      throw new OutsideRootError(`${edit.file}: a fix may only write inside the project`);
    }
    const target = realPathOrAncestor(join(dir, edit.file));
    const inside = relative(realRoot, target);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new OutsideRootError(`${edit.file} resolves to ${target}, outside ${realRoot} (a symlink?): not written`);
    }
  }
}
