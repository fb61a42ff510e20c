import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes `files` (relative path → content) under `root`, creating folders as needed. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

/** Runs real git in `cwd` with an identity, so commits work on a bare CI machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Tunebench Test',
      '-c',
      'user.email=test@tunebench.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** `git init` + add everything + one commit. */
export function commitAll(root: string): void {
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
}

/** `count` small TypeScript files spread over folders of 100, each `lines` lines long. */
export function writeGeneratedTree(root: string, count: number, lines = 10): void {
  const body = 'export const x = 1;\n'.repeat(lines);
  for (let index = 0; index < count; index += 1) {
    const folder = join(root, 'src', `m${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${index}.ts`), body);
  }
}
