import { findNodeAtLocation } from 'jsonc-parser';
import type { Evidence } from '../../../../../shared/schemas/project';
import { evidence, joinPath, type JsonNode, LineIndex, parseJsonFile } from '../../../project/detect/shared';
import type { DetectedFinding, RuleContext } from '../../types';

/** A Node package of the project: its folder and its parsed package.json. */
export interface NodePackage {
  dir: string;
  file: string;
  text: string;
  root: JsonNode;
  lines: LineIndex;
}

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type DependencySection = (typeof SECTIONS)[number];

/**
 * Every Node stack's package.json that parses. A malformed one is skipped here: the Node detector
 * has already put it in the profile's problems, with its line and column.
 */
export async function nodePackages(context: RuleContext): Promise<NodePackage[]> {
  const packages: NodePackage[] = [];
  for (const stack of context.profile.stacks) {
    if (stack.id !== 'node') continue;
    const file = joinPath(stack.dir, 'package.json');
    const text = await context.read(file);
    if (text === null) continue;
    const parsed = parseJsonFile(file, text);
    if (parsed.ok) packages.push({ dir: stack.dir, file, text, root: parsed.root, lines: parsed.lines });
  }
  return packages;
}

/** Evidence at a JSON value: the line of its property (where the key is), with that line's text. */
export function jsonEvidence(file: string, lines: LineIndex, node: JsonNode): Evidence {
  const anchor = node.parent?.type === 'property' ? node.parent : node;
  const line = lines.line(anchor.offset);
  return evidence(file, line, lines.excerpt(line));
}

/** Evidence at a 1-based line of a text, with the line's trimmed text as excerpt. */
export function lineEvidence(file: string, text: string, line: number): Evidence {
  return evidence(file, line, new LineIndex(text).excerpt(line));
}

export function dependency(
  pkg: NodePackage,
  name: string,
  sections: readonly DependencySection[] = SECTIONS,
): { section: DependencySection; version: string; node: JsonNode } | null {
  for (const section of sections) {
    const node = findNodeAtLocation(pkg.root, [section, name]);
    if (node?.type === 'string') return { section, version: String(node.value), node };
  }
  return null;
}

/** Names in one dependency section, in file order. */
export function dependencyNames(pkg: NodePackage, section: DependencySection): string[] {
  const node = findNodeAtLocation(pkg.root, [section]);
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const key = property.children?.[0];
    return key?.type === 'string' ? [String(key.value)] : [];
  });
}

export interface Script {
  name: string;
  value: string;
  node: JsonNode;
}

export function scripts(pkg: NodePackage): Script[] {
  const node = findNodeAtLocation(pkg.root, ['scripts']);
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key?.type === 'string' && value?.type === 'string'
      ? [{ name: String(key.value), value: String(value.value), node: value }]
      : [];
  });
}

/** Lowest major version a range allows: "^8.1.0" → 8, ">=18 <21" → 18, "16 || 18" → 16; null for tags and protocols. */
export function majorOf(range: string): number | null {
  const majors: number[] = [];
  for (const alternative of range.split('||')) {
    for (const comparator of alternative.trim().split(/\s+/)) {
      // An upper bound says nothing about the lowest version allowed.
      const match = /^(?:>=?|\^|~|=)?v?(\d+)(?:\.|$)/.exec(comparator);
      if (match?.[1] !== undefined) majors.push(Number(match[1]));
    }
  }
  return majors.length > 0 ? Math.min(...majors) : null;
}

/** Root-level package.json, for settings a workspace member inherits (engines, tool versions). */
export function rootPackage(packages: readonly NodePackage[]): NodePackage | null {
  return packages.find((pkg) => pkg.dir === '') ?? null;
}

/**
 * Major version of a tool as the package uses it: its own declared range, else the workspace
 * root's, else the installed copy's package.json.
 */
export async function toolMajor(
  context: RuleContext,
  pkg: NodePackage,
  root: NodePackage | null,
  name: string,
): Promise<number | null> {
  for (const owner of [pkg, root]) {
    const declared = owner ? dependency(owner, name) : null;
    const major = declared ? majorOf(declared.version) : null;
    if (major !== null) return major;
  }
  for (const dir of [pkg.dir, '']) {
    const text = await context.read(joinPath(dir, `node_modules/${name}/package.json`));
    if (text === null) continue;
    const parsed = parseJsonFile(`${name}/package.json`, text);
    const version = parsed.ok ? findNodeAtLocation(parsed.root, ['version']) : undefined;
    if (version?.type === 'string') return majorOf(String(version.value));
  }
  return null;
}

/** Rule-private finding data, read back defensively: it round-trips through JSON and storage. */
export function dataString(finding: DetectedFinding, key: string): string {
  const value = finding.data?.[key];
  if (typeof value !== 'string') throw new Error(`finding data has no ${key}`);
  return value;
}

export function dataStrings(finding: DetectedFinding, key: string): string[] {
  const value = finding.data?.[key];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new Error(`finding data has no ${key} list`);
  }
  return value;
}

/** The file as the rule reads it now; the edit's `before` is this text, so apply can refuse a changed file. */
export async function readOrThrow(context: RuleContext, file: string): Promise<string> {
  const text = await context.read(file);
  if (text === null) throw new Error(`${file} can no longer be read`);
  return text;
}
