import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Db } from './database';

/** The canonical form of a folder: absolute, symlinks resolved, so a trust cannot be dodged by a link. */
export function canonicalFolder(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}

/**
 * Workspace trust: a project's commands (build, test, bench) run only in folders the user trusted.
 * Trusting a folder covers its subfolders. Scanning never needs trust: it executes nothing.
 */
export class TrustRepository {
  constructor(private readonly db: Db) {}

  trust(path: string): string {
    const folder = canonicalFolder(path);
    this.db
      .prepare('INSERT INTO trusted_folders (path, trusted_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING')
      .run(folder, new Date().toISOString());
    return folder;
  }

  revoke(path: string): boolean {
    return this.db.prepare('DELETE FROM trusted_folders WHERE path = ?').run(canonicalFolder(path)).changes > 0;
  }

  list(): Array<{ path: string; trustedAt: string }> {
    return (
      this.db.prepare('SELECT path, trusted_at FROM trusted_folders ORDER BY path').all() as Array<{
        path: string;
        trusted_at: string;
      }>
    ).map((row) => ({ path: row.path, trustedAt: row.trusted_at }));
  }

  isTrusted(path: string): boolean {
    const folder = canonicalFolder(path);
    return this.list().some((entry) => folder === entry.path || folder.startsWith(entry.path + sep));
  }
}
