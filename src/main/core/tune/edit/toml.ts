import type * as TomlEditJs from '@rainbowatcher/toml-edit-js';

/**
 * Format-preserving TOML edits on top of toml_edit (the crate `cargo add` uses), compiled to wasm.
 * Only the edited value changes: comments, key order, spacing and quoting of the rest stay as they were.
 */

export type TomlValue = string | number | boolean | string[];
export type TomlTable = Record<string, unknown>;

/** A TOML file that does not parse, or an edit that cannot be made safely. The caller adds the file name. */
export class TomlEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TomlEditError';
  }
}

let loading: Promise<typeof TomlEditJs> | null = null;

/** The package is ESM-only and instantiates its wasm asynchronously: load it on first use, once. */
function library(): Promise<typeof TomlEditJs> {
  loading ??= (async () => {
    const mod = await import('@rainbowatcher/toml-edit-js');
    // The default export is the shim's `init`: it reads index_bg.wasm next to the module.
    await mod.default();
    return mod;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * toml_edit reports errors as strings with a code frame ("Parse Error: TOML parse error at line 1,
 * column 3\n  |\n1 | [a\n  |   ^\nunclosed table…"); keep the position and the cause.
 */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const first = (lines[0] ?? text).replace(/^[A-Za-z ]*Error:\s*/, '');
  const cause = lines.length > 1 ? lines[lines.length - 1] : undefined;
  return cause && !cause.startsWith('|') && cause !== lines[0] ? `${first}: ${cause}` : first;
}

export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value at `path`, or undefined when any part of it is missing. */
export function tomlGet(table: TomlTable, path: readonly string[]): unknown {
  let current: unknown = table;
  for (const key of path) {
    if (!isTomlTable(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Parses TOML into plain values. Malformed text → TomlEditError with line, column and cause. */
export async function parseToml(text: string): Promise<TomlTable> {
  const lib = await library();
  return parseWith(lib, text);
}

function parseWith(lib: typeof TomlEditJs, text: string): TomlTable {
  let value: unknown;
  try {
    value = lib.parse(text);
  } catch (error) {
    throw new TomlEditError(`invalid TOML: ${describe(error)}`);
  }
  if (!isTomlTable(value)) throw new TomlEditError('invalid TOML: the document is not a table');
  return value;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** A key as a TOML header or assignment writes it: bare when allowed, else a basic string (JSON's escapes are TOML's). */
export function tomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/**
 * The library's path syntax: segments joined by dots, a segment in double quotes may hold dots
 * (`profile.dev.package."*"`). It has no escapes, and `[n]` means an array index, so such keys are refused.
 */
export function libraryPath(path: readonly string[]): string {
  return path
    .map((key) => {
      if (key === '' || key.includes('"') || /^\[.*\]$/.test(key))
        throw new TomlEditError(`the key ${JSON.stringify(key)} cannot be edited (empty, quoted or index-like)`);
      return BARE_KEY.test(key) ? key : `"${key}"`;
    })
    .join('.');
}

/** Canonical JSON (sorted keys) so two parses compare equal regardless of key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isTomlTable(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}

function withValue(table: TomlTable, path: readonly string[], value: TomlValue): TomlTable {
  const copy = JSON.parse(JSON.stringify(table)) as TomlTable;
  let current = copy;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    current = isTomlTable(next) ? next : (current[key] = {});
  }
  current[path[path.length - 1]!] = value;
  return copy;
}

/** Headers `[a.b]` (not `[[a]]`) → line index, skipping multi-line strings whose lines only look like headers. */
function headerLine(lines: readonly string[], tablePath: readonly string[]): number | null {
  const wanted = JSON.stringify(tablePath);
  let inMultiline: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (inMultiline !== null) {
      if (line.includes(inMultiline)) inMultiline = null;
      continue;
    }
    const header = /^\[(?!\[)\s*(.+?)\s*\](?!\])\s*(#.*)?$/.exec(line);
    if (header?.[1] !== undefined) {
      if (JSON.stringify(splitHeader(header[1])) === wanted) return index;
      continue;
    }
    for (const quote of ['"""', "'''"]) {
      const at = line.indexOf(quote);
      if (at >= 0 && !line.slice(at + 3).includes(quote)) inMultiline = quote;
    }
  }
  return null;
}

function splitHeader(key: string): string[] | null {
  const parts: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key)) !== null && match[0] !== '') {
    if (match[1] !== undefined) {
      try {
        parts.push(JSON.parse(`"${match[1]}"`) as string);
      } catch {
        return null;
      }
    } else parts.push(match[2] ?? match[3] ?? '');
    if (match[4] === '') return parts;
  }
  return null;
}

/** `[a.b]` + `key = value`, separated from what comes before by one blank line. */
function appendTable(text: string, tablePath: readonly string[], assignment: string): string {
  const block = `[${tablePath.map(tomlKey).join('.')}]\n${assignment}`;
  if (text.trim() === '') return block;
  const separator = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${separator}${block}`;
}

/**
 * Sets one value at `path` (table keys, then the value's key) and returns the new text.
 *
 * When the table exists, toml_edit writes the value in place (or after the table's last value).
 * When it does not, a `[table]` block is appended at the end: toml_edit would otherwise also write
 * empty headers for every missing parent (`[profile]` before `[profile.release]`). The result is
 * re-parsed and must equal the old document with only this value changed.
 */
export async function setTomlValue(text: string, path: readonly string[], value: TomlValue): Promise<string> {
  if (path.length < 2) throw new TomlEditError('only values inside a table can be set');
  const lib = await library();
  // toml_edit writes '\n'; keep a CRLF file CRLF.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  const source = crlf ? text.replace(/\r\n/g, '\n') : text;
  const before = parseWith(lib, source);
  const tablePath = path.slice(0, -1);
  const key = path[path.length - 1]!;
  const dotted = path.map(tomlKey).join('.');
  for (let length = 1; length <= tablePath.length; length++) {
    const ancestor = tomlGet(before, tablePath.slice(0, length));
    if (ancestor !== undefined && !isTomlTable(ancestor))
      throw new TomlEditError(`${tablePath.slice(0, length).map(tomlKey).join('.')} is not a table`);
  }
  const parent = tomlGet(before, tablePath);
  const assignment = lib.stringify({ [key]: value });

  let after: string;
  if (parent === undefined) {
    after = appendTable(source, tablePath, assignment);
  } else if (!isTomlTable(parent) || isTomlTable(parent[key])) {
    throw new TomlEditError(`${dotted} is a table, not a value`);
  } else if (
    Object.hasOwn(parent, key) ||
    Object.keys(parent).length === 0 ||
    Object.values(parent).some((item) => !isTomlTable(item))
  ) {
    try {
      after = lib.edit(source, libraryPath(path), value, {
        finalNewline: source === '' || source.endsWith('\n'),
      });
    } catch (error) {
      throw new TomlEditError(`could not set ${dotted}: ${describe(error)}`);
    }
  } else {
    // A table holding only sub-tables: toml_edit copies the formatting of the table's first value
    // and has none (it panics). Write the line under the table's header, or add the header.
    const lines = source.split('\n');
    const header = headerLine(lines, tablePath);
    if (header === null) after = appendTable(source, tablePath, assignment);
    else {
      lines.splice(header + 1, 0, assignment.replace(/\n$/, ''));
      after = lines.join('\n');
    }
  }

  let reparsed: TomlTable;
  try {
    reparsed = parseWith(lib, after);
  } catch (error) {
    const cause = error instanceof Error ? error.message.replace(/^invalid TOML: /, '') : String(error);
    throw new TomlEditError(`setting ${dotted} would leave invalid TOML (${cause})`);
  }
  if (canonical(tomlGet(reparsed, path)) !== canonical(value))
    throw new TomlEditError(`setting ${dotted} did not take effect`);
  if (canonical(reparsed) !== canonical(withValue(before, path, value)))
    throw new TomlEditError(`setting ${dotted} would change other values`);
  return crlf ? after.replace(/\n/g, '\r\n') : after;
}

/** Several values in order; each step is checked like `setTomlValue`. */
export async function setTomlValues(
  text: string,
  values: ReadonlyArray<{ path: readonly string[]; value: TomlValue }>,
): Promise<string> {
  let current = text;
  for (const { path, value } of values) current = await setTomlValue(current, path, value);
  return current;
}
