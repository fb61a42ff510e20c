import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Evidence, Fact, Stack } from '../../../../../../src/shared/schemas/project';
import type { DetectContext } from '../../../../../../src/main/core/project/types';

export const FIXTURES = resolve(__dirname, '../../../../../fixtures/projects');

const SKIP = new Set(['node_modules', '.git', 'target', 'dist']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/**
 * A DetectContext over a real folder, independent of the scanner: every file, read as text unless it
 * holds a NUL byte (binary), the same contract the scanner's context keeps.
 */
export function fixtureContext(name: string): DetectContext {
  const root = join(FIXTURES, name);
  const absolute: string[] = [];
  walk(root, absolute);
  const files = absolute.map((path) => relative(root, path).split(sep).join('/')).sort();
  return {
    root,
    files,
    read: (path) => {
      if (!files.includes(path)) return Promise.resolve(null);
      const content = readFileSync(join(root, path));
      return Promise.resolve(content.includes(0) ? null : content.toString('utf8'));
    },
    size: (path) => (files.includes(path) ? statSync(join(root, path)).size : undefined),
  };
}

export function stackOf(stacks: Stack[], id: Stack['id'], dir: string): Stack {
  const stack = stacks.find((s) => s.id === id && s.dir === dir);
  if (!stack) throw new Error(`no ${id} stack at "${dir}"; found ${stacks.map((s) => `${s.id}@${s.dir}`).join(', ')}`);
  return stack;
}

export function factOf(stack: Stack, key: string, value?: Fact['value']): Fact {
  const fact = stack.facts.find(
    (f) => f.key === key && (value === undefined || JSON.stringify(f.value) === JSON.stringify(value)),
  );
  if (!fact)
    throw new Error(
      `no fact ${key}${value === undefined ? '' : `=${JSON.stringify(value)}`} in ${stack.id}@${stack.dir}`,
    );
  return fact;
}

/** The 1-based line of the first line of a fixture file containing `needle`, to check evidence against the file itself. */
export function lineContaining(fixture: string, file: string, needle: string): number {
  const lines = readFileSync(join(FIXTURES, fixture, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in ${file}`);
  return index + 1;
}

export function at(evidence: Evidence | null | undefined): string {
  return evidence ? `${evidence.file}:${evidence.line ?? '-'}` : 'none';
}
