import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * path → sha256 of every file (and symlink target) under `root`, .git excluded: equal snapshots
 * mean a byte-identical working tree.
 */
export function treeSnapshot(root: string): Map<string, string> {
  const snapshot = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (prefix === '' && entry.name === '.git') continue;
      const path = join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) snapshot.set(rel, `link:${readlinkSync(path)}`);
      else if (entry.isDirectory()) walk(path, rel);
      else snapshot.set(rel, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root, '');
  return snapshot;
}
