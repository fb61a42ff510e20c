import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import type { Fact, ProjectCommand, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, Detector, DetectorOutput } from '../types';
import {
  command,
  dirOf,
  emptyOutput,
  evidence,
  fact,
  folderName,
  isWithin,
  joinPath,
  type JsonNode,
  type LineIndex,
  newStack,
  parseJsonFile,
  projectFiles,
  unreadable,
} from './shared';

type Manager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: ReadonlyArray<[string, Manager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

const FRAMEWORKS: ReadonlyArray<[string, string]> = [
  ['react', 'React'],
  ['vue', 'Vue'],
  ['svelte', 'Svelte'],
  ['solid-js', 'Solid'],
];

const BUNDLERS: ReadonlyArray<[string, string]> = [
  ['vite', 'Vite'],
  ['webpack', 'webpack'],
  ['next', 'Next.js'],
  ['esbuild', 'esbuild'],
  ['rollup', 'Rollup'],
  ['parcel', 'Parcel'],
];

/**
 * Dependencies whose size or cost has a well-known lighter replacement. Kept short on purpose: each
 * entry must be a safe suggestion for most projects, not a matter of taste.
 */
const HEAVY: ReadonlyArray<[string, string]> = [
  ['moment', 'dayjs or date-fns (moment is ~290 kB with locales and is in maintenance mode)'],
  ['moment-timezone', 'dayjs with its timezone plugin, or Intl.DateTimeFormat'],
  ['lodash', 'lodash-es (tree-shakeable) or native Array/Object methods'],
  ['underscore', 'native Array/Object methods'],
  ['request', 'native fetch (request is deprecated)'],
  ['jquery', 'native DOM APIs'],
  ['core-js', 'a narrower browserslist target, so fewer polyfills ship'],
  ['node-sass', 'sass (node-sass is deprecated and compiles a native addon)'],
  ['bluebird', 'native Promise'],
  ['uuid', 'crypto.randomUUID()'],
];

/** Scripts worth offering as commands, and what kind of command each is. */
const SCRIPT_KINDS: ReadonlyArray<[string, ProjectCommand['kind']]> = [
  ['build', 'build'],
  ['test', 'test'],
  ['bench', 'bench'],
  ['benchmark', 'bench'],
  ['lint', 'lint'],
  ['dev', 'run'],
  ['start', 'run'],
];

const TSCONFIG_OPTIONS = [
  'target',
  'module',
  'moduleResolution',
  'incremental',
  'skipLibCheck',
  'composite',
  'isolatedModules',
];

/** `npm init` writes this placeholder; running it only proves that it fails. */
const PLACEHOLDER_TEST = /no test specified/;

interface Manifest {
  file: string;
  dir: string;
  root: JsonNode;
  lines: LineIndex;
}

function stringAt(root: JsonNode, path: string[]): { value: string; node: JsonNode } | null {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' ? { value: String(node.value), node } : null;
}

/** The dependency's version node, looking in every dependency section. */
function dependency(manifest: Manifest, name: string): { section: string; value: string; node: JsonNode } | null {
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const found = stringAt(manifest.root, [section, name]);
    if (found) return { section, ...found };
  }
  return null;
}

function where(manifest: Manifest, node: JsonNode): ReturnType<typeof evidence> {
  // The parent of a value node is its property; its offset is the start of the line's key.
  const anchor = node.parent?.type === 'property' ? node.parent : node;
  const line = manifest.lines.line(anchor.offset);
  return evidence(manifest.file, line, manifest.lines.excerpt(line));
}

function scripts(manifest: Manifest): Map<string, { value: string; node: JsonNode }> {
  const result = new Map<string, { value: string; node: JsonNode }>();
  const node = findNodeAtLocation(manifest.root, ['scripts']);
  for (const property of node?.type === 'object' ? (node.children ?? []) : []) {
    const [key, value] = property.children ?? [];
    if (key?.type === 'string' && value?.type === 'string')
      result.set(String(key.value), { value: String(value.value), node: value });
  }
  return result;
}

/** Lockfiles sit next to the workspace root, so a package without one inherits its nearest ancestor's. */
function managerFromLockfile(files: ReadonlySet<string>, dir: string): { manager: Manager; file: string } | null {
  let current: string | null = dir;
  while (current !== null) {
    for (const [name, manager] of LOCKFILES) {
      const file = joinPath(current, name);
      if (files.has(file)) return { manager, file };
    }
    current = current === '' ? null : dirOf(current);
  }
  return null;
}

function runScript(manager: Manager, script: string): string {
  if (manager === 'yarn') return `yarn ${script}`;
  return `${manager} run ${script}`;
}

/** Workspace globs as npm/yarn/pnpm use them here: exact folders, `dir/*` and `dir/**`. */
function matchesWorkspace(dir: string, pattern: string, base: string): boolean {
  const full = joinPath(base, pattern.replace(/^\.\//, '').replace(/\/$/, ''));
  if (full.endsWith('/**')) return isWithin(dir, full.slice(0, -3)) && dir !== full.slice(0, -3);
  if (full.endsWith('/*')) return dirOf(dir) === full.slice(0, -2);
  return dir === full;
}

function managerField(manifest: Manifest): { manager: Manager; fact: Fact } | null {
  const field = stringAt(manifest.root, ['packageManager']);
  const name = field?.value.split('@')[0];
  if (!field || (name !== 'npm' && name !== 'pnpm' && name !== 'yarn' && name !== 'bun')) return null;
  return {
    manager: name,
    fact: fact('node.packageManager', `Package manager: ${field.value}`, name, where(manifest, field.node)),
  };
}

/**
 * Own `packageManager` field, else the nearest lockfile (workspaces keep one at the root), else the
 * workspace root's `packageManager` field, else npm.
 */
function detectManagerFacts(
  manifest: Manifest,
  files: ReadonlySet<string>,
  all: Manifest[],
): { manager: Manager; fact: Fact } {
  const own = managerField(manifest);
  if (own) return own;
  const lock = managerFromLockfile(files, manifest.dir);
  if (lock) {
    return {
      manager: lock.manager,
      fact: fact(
        'node.packageManager',
        `Package manager: ${lock.manager} (${lock.file})`,
        lock.manager,
        evidence(lock.file, null),
      ),
    };
  }
  const ancestors = all
    .filter((other) => other !== manifest && isWithin(manifest.dir, other.dir))
    .sort((a, b) => b.dir.length - a.dir.length);
  for (const ancestor of ancestors) {
    const inherited = managerField(ancestor);
    if (inherited) return inherited;
  }
  return {
    manager: 'npm',
    fact: fact(
      'node.packageManager',
      'Package manager: npm (no lockfile or packageManager field)',
      'npm',
      evidence(manifest.file, null),
    ),
  };
}

function dependencyFacts(manifest: Manifest, stack: Stack): void {
  for (const [pkg, label] of FRAMEWORKS) {
    const dep = dependency(manifest, pkg);
    if (dep) stack.facts.push(fact('node.framework', `${label} ${dep.value}`, pkg, where(manifest, dep.node)));
  }
  for (const [pkg, label] of BUNDLERS) {
    const dep = dependency(manifest, pkg);
    if (dep) stack.facts.push(fact('node.bundler', `${label} ${dep.value}`, pkg, where(manifest, dep.node)));
  }
  const electron = dependency(manifest, 'electron');
  if (electron)
    stack.facts.push(
      fact('node.electron', `Electron ${electron.value}`, electron.value, where(manifest, electron.node)),
    );
  for (const [pkg, alternative] of HEAVY) {
    const dep = dependency(manifest, pkg);
    // Only runtime dependencies end up in what users download; a heavy devDependency costs nobody.
    if (dep && dep.section !== 'devDependencies') {
      stack.facts.push(
        fact(
          `node.heavyDependency.${pkg}`,
          `${pkg} ${dep.value}: lighter is ${alternative}`,
          alternative,
          where(manifest, dep.node),
        ),
      );
    }
  }
}

function testRunnerFact(manifest: Manifest, scriptMap: Map<string, { value: string; node: JsonNode }>): Fact | null {
  // A script is the stronger signal: it is what `npm test` actually runs.
  const runners: ReadonlyArray<[string, RegExp]> = [
    ['vitest', /\bvitest\b/],
    ['jest', /\bjest\b/],
    ['mocha', /\bmocha\b/],
    ['node:test', /\bnode\b[^&|;]*\s--test\b/],
  ];
  const ordered = [...scriptMap.entries()].sort(
    ([a], [b]) => Number(b.startsWith('test')) - Number(a.startsWith('test')),
  );
  for (const [, script] of ordered) {
    for (const [runner, pattern] of runners) {
      if (pattern.test(script.value))
        return fact('node.testRunner', `Tests: ${runner}`, runner, where(manifest, script.node));
    }
  }
  for (const runner of ['vitest', 'jest', 'mocha']) {
    const dep = dependency(manifest, runner);
    if (dep) return fact('node.testRunner', `Tests: ${runner} ${dep.value}`, runner, where(manifest, dep.node));
  }
  return null;
}

async function tsconfigFacts(context: DetectContext, dir: string, output: DetectorOutput): Promise<Fact[]> {
  const file = joinPath(dir, 'tsconfig.json');
  if (!context.files.includes(file)) return [];
  const text = await context.read(file);
  if (text === null) {
    output.problems.push(unreadable(file));
    return [];
  }
  const parsed = parseJsonFile(file, text, true);
  if (!parsed.ok) {
    output.problems.push(parsed.problem);
    return [];
  }
  const manifest: Manifest = { file, dir, root: parsed.root, lines: parsed.lines };
  const facts: Fact[] = [];
  for (const option of TSCONFIG_OPTIONS) {
    const node = findNodeAtLocation(parsed.root, ['compilerOptions', option]);
    const value: unknown = node ? getNodeValue(node) : undefined;
    if (node && (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')) {
      facts.push(fact(`node.tsconfig.${option}`, `tsconfig ${option}: ${String(value)}`, value, where(manifest, node)));
    }
  }
  return facts;
}

async function detectPackage(
  context: DetectContext,
  manifest: Manifest,
  files: ReadonlySet<string>,
  all: Manifest[],
  output: DetectorOutput,
): Promise<void> {
  const name = stringAt(manifest.root, ['name']);
  const stack = newStack('node', name?.value ?? folderName(context, manifest.dir), manifest.dir);
  output.stacks.push(stack);
  if (name) stack.facts.push(fact('node.name', `Package ${name.value}`, name.value, where(manifest, name.node)));

  const { manager, fact: managerFact } = detectManagerFacts(manifest, files, all);
  stack.facts.push(managerFact);

  const workspacesNode = findNodeAtLocation(manifest.root, ['workspaces']);
  // Yarn also accepts { packages: [...] }.
  const patternsNode =
    workspacesNode?.type === 'object' ? findNodeAtLocation(workspacesNode, ['packages']) : workspacesNode;
  const patternsValue: unknown = patternsNode ? getNodeValue(patternsNode) : undefined;
  const patterns = Array.isArray(patternsValue) ? patternsValue.filter((p): p is string => typeof p === 'string') : [];
  if (workspacesNode && patterns.length > 0) {
    stack.facts.push(
      fact('node.workspaces', `Workspaces: ${patterns.join(', ')}`, patterns, where(manifest, workspacesNode)),
    );
    const members = all
      .filter(
        (other) => other !== manifest && patterns.some((pattern) => matchesWorkspace(other.dir, pattern, manifest.dir)),
      )
      .map((other) => other.dir);
    stack.facts.push(
      fact(
        'node.workspace.packages',
        `Workspace packages: ${members.join(', ') || 'none found'}`,
        members,
        where(manifest, workspacesNode),
      ),
    );
  }

  const typescript = dependency(manifest, 'typescript');
  const tsconfigFile = joinPath(manifest.dir, 'tsconfig.json');
  if (typescript) {
    stack.facts.push(
      fact('node.typescript', `TypeScript ${typescript.value}`, typescript.value, where(manifest, typescript.node)),
    );
  } else if (files.has(tsconfigFile)) {
    stack.facts.push(fact('node.typescript', 'TypeScript (tsconfig.json)', true, evidence(tsconfigFile, null)));
  }
  stack.facts.push(...(await tsconfigFacts(context, manifest.dir, output)));

  dependencyFacts(manifest, stack);
  for (const config of ['vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts']) {
    const file = joinPath(manifest.dir, config);
    if (files.has(file)) stack.facts.push(fact('node.viteConfig', `Vite config ${config}`, file, evidence(file, null)));
  }

  const scriptMap = scripts(manifest);
  const runner = testRunnerFact(manifest, scriptMap);
  if (runner) stack.facts.push(runner);

  for (const [script, kind] of SCRIPT_KINDS) {
    const entry = scriptMap.get(script);
    if (!entry || (script === 'test' && PLACEHOLDER_TEST.test(entry.value))) continue;
    output.commands.push(
      command(
        `node:${manifest.dir || '.'}:${script}`,
        kind,
        runScript(manager, script),
        manifest.dir,
        where(manifest, entry.node),
      ),
    );
  }
}

/** Node packages: one stack per package.json (workspaces included), its tooling and its scripts. */
export const detectNode: Detector = async (context) => {
  const output = emptyOutput();
  const files = new Set(context.files);
  const manifests: Manifest[] = [];
  for (const file of projectFiles(context, (name) => name === 'package.json')) {
    const text = await context.read(file);
    if (text === null) {
      output.problems.push(unreadable(file));
      continue;
    }
    const parsed = parseJsonFile(file, text);
    if (!parsed.ok) {
      output.problems.push(parsed.problem);
      continue;
    }
    manifests.push({ file, dir: dirOf(file), root: parsed.root, lines: parsed.lines });
  }
  for (const manifest of manifests) await detectPackage(context, manifest, files, manifests, output);
  return output;
};
