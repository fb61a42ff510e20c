import type { Evidence, Fact, Stack } from '../../../../../shared/schemas/project';
import { isTomlTable, parseToml, setTomlValues, tomlGet, type TomlTable, type TomlValue } from '../../edit/toml';
import type { DetectedFinding, FileEdit, RuleContext } from '../../types';

export const PERF_BOOK = {
  title: 'The Rust Performance Book: Build Configuration',
  url: 'https://nnethercote.github.io/perf-book/build-configuration.html',
};
export const CARGO_PROFILES = {
  title: 'The Cargo Book: Profiles',
  url: 'https://doc.rust-lang.org/cargo/reference/profiles.html',
};

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function parentDir(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

export function manifestOf(stack: Stack): string {
  return joinPath(stack.dir, 'Cargo.toml');
}

export function factOf(stack: Stack, key: string): Fact | undefined {
  return stack.facts.find((fact) => fact.key === key);
}

/**
 * Crates whose `[profile.*]` cargo honours: standalone crates and workspace roots. A member's own
 * `[profile]` is ignored by cargo (it warns), so members are skipped.
 */
export function cargoRoots(context: RuleContext): Stack[] {
  return context.profile.stacks.filter((stack) => stack.id === 'rust' && !factOf(stack, 'rust.workspace.root'));
}

/** The root itself and the members the detector attached to it. */
function workspaceStacks(context: RuleContext, root: Stack): Stack[] {
  return context.profile.stacks.filter(
    (stack) => stack === root || (stack.id === 'rust' && factOf(stack, 'rust.workspace.root')?.value === root.dir),
  );
}

async function readTable(context: RuleContext, file: string): Promise<{ text: string; table: TomlTable } | null> {
  const text = await context.read(file);
  if (text === null) return null;
  try {
    return { text, table: await parseToml(text) };
  } catch {
    // The detector already reports the malformed file as a problem; a rule just does not fire.
    return null;
  }
}

/**
 * Whether the release profile reaches anyone: a binary, or a cdylib/staticlib (Python extensions,
 * C libraries). For a plain library the profile only affects its own tests and benches, because a
 * dependency is built with its user's profile. The detector's rust.binary fact covers [[bin]] tables and
 * cargo's auto-discovered src/main.rs and src/bin/*.rs; src/main.rs is also read here, for a scan whose
 * file list hit its cap before reaching it.
 */
export async function shipsArtifact(context: RuleContext, root: Stack): Promise<boolean> {
  const stacks = workspaceStacks(context, root);
  if (stacks.some((stack) => factOf(stack, 'rust.binary'))) return true;
  for (const stack of stacks) {
    const manifest = await readTable(context, manifestOf(stack));
    if (!manifest) continue;
    if (Array.isArray(manifest.table.bin) && manifest.table.bin.length > 0) return true;
    const types = tomlGet(manifest.table, ['lib', 'crate-type']);
    if (Array.isArray(types) && types.some((type) => type === 'cdylib' || type === 'staticlib')) return true;
    if (manifest.table.package !== undefined && (await context.read(joinPath(stack.dir, 'src/main.rs'))) !== null)
      return true;
  }
  return false;
}

/** `.cargo/config.toml` and the legacy `.cargo/config` in `dir` and every folder above it, nearest first. */
function configFiles(dir: string): string[] {
  const files: string[] = [];
  for (let current: string | null = dir; current !== null; current = current === '' ? null : parentDir(current)) {
    files.push(joinPath(current, '.cargo/config.toml'), joinPath(current, '.cargo/config'));
  }
  return files;
}

/**
 * Whether a cargo config in the project sets `profile.<name>.<key…>`. Config profiles override
 * Cargo.toml, so a rule editing the manifest would change nothing: it stays quiet instead.
 */
export async function configSetsProfile(context: RuleContext, dir: string, path: readonly string[]): Promise<boolean> {
  for (const file of configFiles(dir)) {
    const config = await readTable(context, file);
    if (config && tomlGet(config.table, ['profile', ...path]) !== undefined) return true;
  }
  return false;
}

export interface CargoConfig {
  /** Where the fix writes: the existing config of the crate's folder, or a new `.cargo/config.toml`. */
  file: string;
  text: string | null;
  table: TomlTable;
}

/**
 * The config file of the crate's own folder. Cargo reads the extension-less legacy file when both
 * exist, so that one wins. Null when the existing file does not parse.
 */
export async function crateConfig(context: RuleContext, dir: string): Promise<CargoConfig | null> {
  for (const file of [joinPath(dir, '.cargo/config'), joinPath(dir, '.cargo/config.toml')]) {
    const text = await context.read(file);
    if (text === null) continue;
    try {
      return { file, text, table: await parseToml(text) };
    } catch {
      return null;
    }
  }
  return { file: joinPath(dir, '.cargo/config.toml'), text: null, table: {} };
}

/** 1-based line of a `[header]` in a small config file, for evidence. */
export function headerLineOf(text: string, header: string): number | null {
  const index = text.split('\n').findIndex((line) => line.trim().replace(/\s*#.*$/, '') === `[${header}]`);
  return index < 0 ? null : index + 1;
}

export interface ProfileSetting {
  value: Fact['value'] | undefined;
  /** The key's line; else the `[profile.x]` header; else the manifest itself. */
  evidence: Evidence;
}

export function profileSetting(stack: Stack, profile: string, key: string): ProfileSetting {
  const set = factOf(stack, `rust.profile.${profile}.${key}`);
  if (set) return { value: set.value, evidence: set.evidence };
  const header = factOf(stack, `rust.profile.${profile}`);
  return {
    value: undefined,
    evidence: header?.evidence.line ? header.evidence : { file: manifestOf(stack), line: null },
  };
}

/** What a TOML fix writes; kept in the finding's `data` (JSON) so `fix` needs nothing else. */
export interface TomlFixData {
  file: string;
  /** True when the file did not exist at detection: the fix creates it. */
  create: boolean;
  set: Array<{ path: string[]; value: TomlValue }>;
}

export function tomlFixData(data: TomlFixData): Record<string, unknown> {
  return { ...data };
}

function isFixData(data: Record<string, unknown> | undefined): data is Record<string, unknown> & TomlFixData {
  return (
    typeof data?.file === 'string' &&
    typeof data.create === 'boolean' &&
    Array.isArray(data.set) &&
    data.set.every((entry: unknown) => isTomlTable(entry) && Array.isArray(entry.path) && entry.value !== undefined)
  );
}

/** The edit of a TOML finding: the current text in, the same text with the values set out. */
export async function tomlFix(finding: DetectedFinding, context: RuleContext): Promise<FileEdit[]> {
  if (!isFixData(finding.data)) throw new Error('the finding carries no TOML edit');
  const { file, create, set } = finding.data;
  const before = await context.read(file);
  if (before === null && !create) throw new Error(`${file} is missing or unreadable`);
  try {
    return [{ file, before, after: await setTomlValues(before ?? '', set) }];
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A finding about one key of `[profile.<name>]` in a crate's Cargo.toml. */
export interface ProfileFindingInput {
  stack: Stack;
  profile: string;
  message: string;
  evidence: Evidence[];
  current: string;
  proposed: string;
  set: Array<{ key: string[]; value: TomlValue }>;
  warning?: string;
}

export function profileFinding(input: ProfileFindingInput): DetectedFinding {
  return {
    dir: input.stack.dir,
    message: input.message,
    evidence: input.evidence,
    current: input.current,
    proposed: input.proposed,
    ...(input.warning ? { warning: input.warning } : {}),
    data: tomlFixData({
      file: manifestOf(input.stack),
      create: false,
      set: input.set.map(({ key, value }) => ({ path: ['profile', input.profile, ...key], value })),
    }),
  };
}

/**
 * The release-profile rules share one loop: every crate whose profile counts, that ships something,
 * whose key is not overridden by a cargo config, assessed by the rule.
 */
export async function releaseFindings(
  context: RuleContext,
  keys: readonly string[],
  assess: (stack: Stack, setting: (key: string) => ProfileSetting) => DetectedFinding | null,
): Promise<DetectedFinding[]> {
  const findings: DetectedFinding[] = [];
  for (const stack of cargoRoots(context)) {
    if (!(await shipsArtifact(context, stack))) continue;
    let overridden = false;
    for (const key of keys) overridden ||= await configSetsProfile(context, stack.dir, ['release', key]);
    if (overridden) continue;
    const finding = assess(stack, (key) => profileSetting(stack, 'release', key));
    if (finding) findings.push(finding);
  }
  return findings;
}
