import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));
const REPO_NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Tunebench Test', '-c', 'user.email=test@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/**
 * A fixture project copied into its own git repository (one commit), so tests work on real files
 * and real git state and never touch the fixtures themselves. Node fixtures get this repository's
 * node_modules linked in, so they build offline.
 */
export function fixtureRepo(name: string, into: string, options: { linkNodeModules?: boolean } = {}): string {
  const dir = join(into, name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  if (options.linkNodeModules) symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'fixture');
  return dir;
}
