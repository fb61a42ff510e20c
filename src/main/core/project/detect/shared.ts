import {
  type Node as JsonNode,
  type ParseError,
  type ParseErrorCode,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Evidence, Fact, Problem, ProjectCommand, Stack } from '../../../../shared/schemas/project';
import type { DetectContext, DetectorOutput } from '../types';

export type { JsonNode };

/** Folders whose manifests belong to dependencies, virtualenvs or build output, not to the project. */
const FOREIGN_DIRS = new Set([
  'node_modules',
  '.git',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  'bower_components',
  '.tox',
]);

export function emptyOutput(): DetectorOutput {
  return { stacks: [], commands: [], problems: [] };
}

/** Folder of a root-relative path, '' for the root itself. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** True when `path` is `dir` itself or inside it ('' contains everything). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** A folder's display name; the root is named after the folder the user opened. */
export function folderName(context: DetectContext, dir: string): string {
  return baseName(dir) || baseName(context.root.replace(/[\\/]+$/, '')) || 'root';
}

export function isForeign(path: string): boolean {
  return path.split('/').some((segment) => FOREIGN_DIRS.has(segment));
}

/** Project files (dependency and build folders excluded) whose base name passes the test. */
export function projectFiles(context: DetectContext, test: (name: string, path: string) => boolean): string[] {
  return context.files.filter((path) => !isForeign(path) && test(baseName(path), path)).sort();
}

/** The deepest of `dirs` that contains `path`, or null. */
export function nearestDir(path: string, dirs: Iterable<string>): string | null {
  let best: string | null = null;
  for (const dir of dirs) {
    if (isWithin(path, dir) && (best === null || dir.length > best.length)) best = dir;
  }
  return best;
}

/**
 * Offset → 1-based line and column. Parsers report offsets; people and editors want lines, so every
 * piece of evidence goes through this.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }

  /** The trimmed text of a 1-based line, shortened for display. */
  excerpt(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const end = this.starts[line] ?? this.text.length + 1;
    return clip(this.text.slice(start, end - 1).trim());
  }
}

export function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function evidence(file: string, line: number | null, excerpt?: string): Evidence {
  return excerpt === undefined || excerpt === '' ? { file, line } : { file, line, excerpt };
}

export function fact(key: string, label: string, value: Fact['value'], where: Evidence): Fact {
  return { key, label, value, evidence: where };
}

export function problem(file: string, line: number | null, column: number | null, message: string): Problem {
  return { file, line, column, message };
}

/** A manifest the scan listed but that cannot be read as text: say so instead of silently skipping it. */
export function unreadable(file: string): Problem {
  return problem(file, null, null, 'could not be read as text (binary, unreadable or larger than the read limit)');
}

export function command(
  id: string,
  kind: ProjectCommand['kind'],
  text: string,
  cwd: string,
  where: Evidence | null,
): ProjectCommand {
  return { id, kind, command: text, cwd, source: 'inferred', evidence: where };
}

export function newStack(id: Stack['id'], name: string, dir: string): Stack {
  return { id, name, dir, facts: [] };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Line lookup for keys of a TOML file that smol-toml has already parsed. smol-toml returns values
 * without source positions, so this walks the lines only to find where a validated key sits: values
 * always come from the parser, never from here. It follows `[table]` / `[[array]]` headers and
 * `key = ` / `dotted.key = ` assignments and skips multi-line strings so their content is not mistaken
 * for keys. Inline tables resolve to the line of the key that holds them.
 */
export class TomlLines {
  private readonly lines = new Map<string, number>();
  private readonly texts: string[];

  constructor(text: string) {
    let table: string[] = [];
    let inMultiline: string | null = null;
    this.texts = text.split('\n');
    this.texts.forEach((raw, index) => {
      const lineNo = index + 1;
      const line = raw.trim();
      if (inMultiline !== null) {
        if (line.includes(inMultiline)) inMultiline = null;
        return;
      }
      if (line === '' || line.startsWith('#')) return;
      const header = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
      // A lone `["a", "b"]` line inside a multi-line array is a value, not a header.
      if (header?.[1] !== undefined && !header[1].includes(',')) {
        table = splitKey(header[1]);
        this.remember(table.join('.'), lineNo);
        return;
      }
      const assignment =
        /^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$/.exec(line);
      if (assignment?.[1] === undefined) return;
      const path = [...table, ...splitKey(assignment[1])];
      for (let i = table.length + 1; i <= path.length; i++) this.remember(path.slice(0, i).join('.'), lineNo);
      const value = assignment[2] ?? '';
      for (const quote of ['"""', "'''"]) {
        if (value.startsWith(quote) && !value.slice(3).includes(quote)) inMultiline = quote;
      }
    });
  }

  private remember(key: string, line: number): void {
    if (!this.lines.has(key)) this.lines.set(key, line);
  }

  /**
   * Line of one string inside an array value (a dependency in `dependencies = [...]`): the first line
   * from the key onwards that holds the string quoted, else the key's line.
   */
  lineOfItem(path: readonly string[], item: string): number | null {
    const keyLine = this.lineOf(path);
    if (keyLine === null) return null;
    for (let index = keyLine - 1; index < this.texts.length; index++) {
      const line = this.texts[index] ?? '';
      if (index > keyLine - 1 && /^\s*\[/.test(line) && !/^\s*\[\s*["']/.test(line)) break;
      if (line.includes(JSON.stringify(item)) || line.includes(`'${item}'`)) return index + 1;
    }
    return keyLine;
  }

  /** Line of the key, else of its nearest enclosing key or table, else null. */
  lineOf(path: readonly string[]): number | null {
    for (let length = path.length; length > 0; length--) {
      const line = this.lines.get(path.slice(0, length).join('.'));
      if (line !== undefined) return line;
    }
    return null;
  }
}

function splitKey(key: string): string[] {
  const parts: string[] = [];
  const pattern = /\s*("([^"]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*(\.|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key)) !== null && match[0] !== '') {
    parts.push(match[2] ?? match[3] ?? match[1] ?? '');
    if (match[4] === '') break;
  }
  return parts;
}

export type TomlTable = Record<string, unknown>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function asStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export type TomlParse = { ok: true; value: TomlTable; lines: TomlLines } | { ok: false; problem: Problem };

/** Parses TOML; a syntax error becomes a Problem at smol-toml's line and column. */
export function parseTomlFile(file: string, text: string): TomlParse {
  try {
    return { ok: true, value: parseToml(text), lines: new TomlLines(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's message repeats the position and a code frame; the first line is the cause.
      const message = (error.message.split('\n')[0] ?? error.message).replace(/^Invalid TOML document:\s*/, '');
      return { ok: false, problem: problem(file, error.line, error.column, `invalid TOML: ${message}`) };
    }
    return { ok: false, problem: problem(file, null, null, `invalid TOML: ${errorMessage(error)}`) };
  }
}

/** jsonc-parser names its errors in CamelCase ("CommaExpected"); people read "comma expected". */
function describe(code: ParseErrorCode): string {
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export type JsonParse = { ok: true; root: JsonNode; lines: LineIndex } | { ok: false; problem: Problem };

/**
 * Parses JSON (or JSONC for tsconfig) into a positioned tree. A syntax error becomes a Problem at
 * the first error; the tree is then not trusted, since jsonc-parser recovers by guessing.
 */
export function parseJsonFile(file: string, text: string, jsonc = false): JsonParse {
  const errors: ParseError[] = [];
  const lines = new LineIndex(text);
  const root = parseTree(text, errors, { disallowComments: !jsonc, allowTrailingComma: jsonc });
  const first = errors[0];
  if (first !== undefined) {
    const { line, column } = lines.position(first.offset);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return { ok: false, problem: problem(file, line, column, `invalid JSON: ${describe(first.error)}${more}`) };
  }
  if (root?.type !== 'object') {
    return { ok: false, problem: problem(file, 1, 1, 'invalid manifest: the top level is not a JSON object') };
  }
  return { ok: true, root, lines };
}
