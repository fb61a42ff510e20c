import { posix } from 'node:path';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';
import type { Evidence } from '../../../../../shared/schemas/project';
import { dirOf, joinPath, type JsonNode, type LineIndex, parseJsonFile } from '../../../project/detect/shared';
import type { RuleContext } from '../../types';
import { jsonEvidence, lineEvidence, type NodePackage, type Script, scripts } from './shared';

export interface Tsconfig {
  file: string;
  text: string;
  root: JsonNode;
  lines: LineIndex;
}

/** A tsconfig that parses (JSONC), or null: a broken one is the detector's problem to report. */
export async function loadTsconfig(context: RuleContext, file: string): Promise<Tsconfig | null> {
  const text = await context.read(file);
  if (text === null) return null;
  const parsed = parseJsonFile(file, text, true);
  return parsed.ok ? { file, text, root: parsed.root, lines: parsed.lines } : null;
}

/** `spec` taken from folder `dir`, as a root-relative path; null when it leaves the project. */
export function insideRoot(dir: string, spec: string): string | null {
  if (posix.isAbsolute(spec) || /^[A-Za-z]:/.test(spec)) return null;
  const joined = posix.normalize(joinPath(dir, spec)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined === '.' ? '' : joined;
}

/** A tsconfig reference or `-p` argument: a .json file, or a folder holding tsconfig.json. */
function configPath(dir: string, spec: string): string | null {
  const path = insideRoot(dir, spec);
  if (path === null) return null;
  return path.endsWith('.json') ? path : joinPath(path, 'tsconfig.json');
}

/** Where TypeScript finds an `extends` target: a relative file (".json" optional) or a package. */
async function resolveExtends(context: RuleContext, from: string, spec: string): Promise<string | null> {
  const dir = dirOf(from);
  const candidates: string[] = [];
  if (spec.startsWith('.')) {
    const base = insideRoot(dir, spec);
    if (base === null) return null;
    candidates.push(base, `${base}.json`);
  } else {
    // node_modules folders from the config's folder up to the project root, like module resolution.
    for (let current = dir; ; current = dirOf(current)) {
      const base = joinPath(current, `node_modules/${spec}`);
      candidates.push(base, `${base}.json`, `${base}/tsconfig.json`);
      if (current === '') break;
    }
  }
  for (const candidate of candidates) if ((await context.read(candidate)) !== null) return candidate;
  return null;
}

export type Effective =
  | { state: 'set'; value: unknown; config: Tsconfig; node: JsonNode }
  | { state: 'absent' }
  | { state: 'unknown'; reason: string };

/**
 * compilerOptions[option] as TypeScript sees it: the file's own value, else what its `extends`
 * chain sets (later entries of an extends array win). Unknown when a link cannot be read, so
 * rules do not propose what a base config may already set.
 */
export async function effectiveOption(
  context: RuleContext,
  file: string,
  option: string,
  depth = 0,
): Promise<Effective> {
  if (depth > 10) return { state: 'unknown', reason: `the extends chain of ${file} is too long` };
  const config = await loadTsconfig(context, file);
  if (!config) return { state: 'unknown', reason: `${file} is missing or not valid JSON` };
  const node = findNodeAtLocation(config.root, ['compilerOptions', option]);
  if (node) return { state: 'set', value: getNodeValue(node) as unknown, config, node };
  const extendsNode = findNodeAtLocation(config.root, ['extends']);
  const extended: unknown = extendsNode ? getNodeValue(extendsNode) : null;
  const specs = (Array.isArray(extended) ? extended : [extended]).filter((spec) => typeof spec === 'string');
  for (const spec of specs.reverse()) {
    const target = await resolveExtends(context, file, spec);
    if (target === null) return { state: 'unknown', reason: `cannot resolve "extends": "${spec}" in ${file}` };
    const inherited = await effectiveOption(context, target, option, depth + 1);
    if (inherited.state !== 'absent') return inherited;
  }
  return { state: 'absent' };
}

/** Evidence for a tsconfig: its compilerOptions line (or the first line when it has none). */
export function tsconfigEvidence(config: Tsconfig): Evidence {
  const options = findNodeAtLocation(config.root, ['compilerOptions']);
  return options ? jsonEvidence(config.file, config.lines, options) : lineEvidence(config.file, config.text, 1);
}

/** One invocation of the type-checker in a package.json script. */
export interface TscRun {
  script: Script;
  /** `tsc -b`: build mode, which keeps its own .tsbuildinfo per project. */
  build: boolean;
  watch: boolean;
  noEmit: boolean;
  /** Source files named on the command line: tsc then ignores tsconfig.json altogether. */
  files: boolean;
  /** The tsconfig files it reads, root-relative. */
  configs: string[];
}

const CHECKERS = /^(?:.*\/)?(?:tsc|vue-tsc)$/;

export function tscRuns(pkg: NodePackage): TscRun[] {
  const runs: TscRun[] = [];
  for (const script of scripts(pkg)) {
    for (const command of script.value.split(/&&|\|\||[;|]/)) {
      const words = command.trim().split(/\s+/);
      const at = words.findIndex((word) => CHECKERS.test(word));
      if (at < 0) continue;
      const args = words.slice(at + 1);
      const build = args[0] === '-b' || args[0] === '--build';
      const specs: string[] = [];
      for (const [index, arg] of args.entries()) {
        if ((arg === '-p' || arg === '--project') && args[index + 1]) specs.push(args[index + 1] ?? '');
        else if (build && index > 0 && !arg.startsWith('-')) specs.push(arg);
      }
      const configs = (specs.length > 0 ? specs : ['tsconfig.json'])
        .map((spec) => configPath(pkg.dir, spec))
        .filter((path): path is string => path !== null);
      runs.push({
        script,
        build,
        watch: args.includes('-w') || args.includes('--watch'),
        noEmit: args.includes('--noEmit'),
        files: !build && args.some((arg) => !arg.startsWith('-') && /\.[cm]?[jt]sx?$/.test(arg)),
        configs,
      });
    }
  }
  return runs;
}

/** `"files": []` with references and no include: the config only points at other projects. */
export function isSolution(config: Tsconfig): boolean {
  const files = findNodeAtLocation(config.root, ['files']);
  return (
    files?.type === 'array' &&
    (files.children ?? []).length === 0 &&
    !findNodeAtLocation(config.root, ['include']) &&
    findNodeAtLocation(config.root, ['references'])?.type === 'array'
  );
}

export function references(config: Tsconfig): string[] {
  const node = findNodeAtLocation(config.root, ['references']);
  const value: unknown = node ? getNodeValue(node) : [];
  if (!Array.isArray(value)) return [];
  return value
    .map((reference: unknown) =>
      reference && typeof reference === 'object' && typeof (reference as { path?: unknown }).path === 'string'
        ? configPath(dirOf(config.file), (reference as { path: string }).path)
        : null,
    )
    .filter((path): path is string => path !== null);
}

/**
 * The configs a run type-checks: a solution config stands for its references, and build mode
 * also checks every referenced project.
 */
export async function checkedConfigs(context: RuleContext, run: TscRun): Promise<string[]> {
  const result = new Set<string>();
  const seen = new Set<string>();
  const visit = async (file: string, depth: number): Promise<void> => {
    if (seen.has(file) || depth > 5) return;
    seen.add(file);
    const config = await loadTsconfig(context, file);
    const solution = config !== null && isSolution(config);
    if (!solution) result.add(file);
    if (config && (solution || run.build))
      for (const reference of references(config)) await visit(reference, depth + 1);
  };
  for (const file of run.configs) await visit(file, 0);
  return [...result];
}
