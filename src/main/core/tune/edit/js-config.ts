import type * as Magicast from 'magicast';
import type { ASTNode } from 'magicast';

/**
 * Reads and edits options of JS/TS config files (vite.config.ts and the like) without running them.
 *
 * Parsing goes through magicast (recast + babel: TypeScript, JSX, comments, positions). The edit
 * itself is spliced into the original text at the AST's offsets instead of being reprinted by
 * recast: recast reprints every object it touches, which moves trailing comments onto their own
 * line and adds blank lines between properties — a diff a reviewer should not have to read. A
 * splice changes exactly the characters of the option and nothing else.
 */

type Node = ASTNode;
type NodeOf<T extends Node['type']> = Extract<Node, { type: T }>;
type ObjectNode = NodeOf<'ObjectExpression'>;
type PropertyNode = NodeOf<'ObjectProperty'> | NodeOf<'ObjectMethod'>;

export type JsonLiteral = string | number | boolean | null | JsonLiteral[];
/** Code inserted as written (a function, a regular expression); indented with two spaces per level. */
export interface RawCode {
  raw: string;
}
export type ConfigValue = JsonLiteral | RawCode;

/** How the file is written, so inserted code looks like its neighbours. */
export interface CodeStyle {
  quote: "'" | '"';
  indent: string;
  semi: boolean;
}

/** The file cannot be read or edited statically: the message says why, in the user's terms. */
export class ConfigEditError extends Error {
  override name = 'ConfigEditError';
}

export interface ConfigLookup {
  /**
   * missing: nothing sets it (the tool's default applies); literal: set to a plain value;
   * expression: set to code that only has a value when it runs; unknown: a spread or a computed
   * parent could set it, so nobody can tell without running the file.
   */
  state: 'missing' | 'literal' | 'expression' | 'unknown';
  value?: JsonLiteral;
  /** Source text of the value when set. */
  text?: string;
  /** 1-based line of the key, or of its nearest existing parent (the config object when none). */
  line: number;
}

let magicast: Promise<typeof Magicast> | undefined;

/** magicast is ESM-only and the main bundle is CommonJS: a dynamic import survives bundling. */
function loadMagicast(): Promise<typeof Magicast> {
  magicast ??= import('magicast');
  return magicast;
}

/**
 * recast hands babel a copy of the text with leading tabs expanded and line endings turned into
 * the OS's, so babel's offsets describe that copy. With tabWidth 1 and '\n' line endings the copy
 * is the text itself, provided it has '\n' endings and no BOM: callers normalise those first.
 */
const PARSE_OPTIONS = { tabWidth: 1, lineTerminator: '\n' };

/** The module's AST (TypeScript and JSX allowed); offsets index `code` as given ('\n' endings, no BOM). */
export async function parseProgram(code: string): Promise<NodeOf<'Program'>> {
  const { parseModule } = await loadMagicast();
  let program: Node;
  try {
    program = parseModule(code, PARSE_OPTIONS).$ast;
  } catch (error) {
    throw new ConfigEditError(`the file cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (program.type !== 'Program') throw new ConfigEditError(`the file parsed as ${program.type}, not a module`);
  // Edits are spliced at these offsets, so they are checked rather than trusted.
  walk(program, (node) => {
    // startsWith: an annotated identifier (`id: string`) spans its type annotation too.
    if (node.type === 'Identifier' && !code.startsWith(node.name, node.start ?? -1)) {
      throw new ConfigEditError('the parser positions do not match the text, so the file cannot be edited safely');
    }
  });
  return program;
}

interface Normalised {
  text: string;
  restore(text: string): string;
}

/** '\n' line endings and no BOM for parsing and splicing; `restore` puts the file's own back. */
function normalise(code: string): Normalised {
  const bom = code.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = code.slice(bom.length);
  const crlf = body.includes('\r\n');
  const text = body.replace(/\r\n/g, '\n');
  if (text.includes('\r')) throw new ConfigEditError('the file mixes line endings, so it cannot be edited safely');
  if (crlf && /(^|[^\r])\n/.test(body)) {
    throw new ConfigEditError('the file mixes \\n and \\r\\n line endings, so it cannot be edited safely');
  }
  return { text, restore: (edited) => bom + (crlf ? edited.replace(/\n/g, '\r\n') : edited) };
}

function span(node: Node): [number, number] {
  if (typeof node.start !== 'number' || typeof node.end !== 'number') throw new ConfigEditError('node has no position');
  return [node.start, node.end];
}

function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}

/** Type assertions and parentheses do not change which object is exported. */
function unwrap(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ParenthesizedExpression'
  ) {
    current = current.expression;
  }
  return current;
}

function isModuleExports(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

function defaultExport(program: NodeOf<'Program'>): Node {
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') return statement.declaration;
    if (
      statement.type === 'ExpressionStatement' &&
      statement.expression.type === 'AssignmentExpression' &&
      isModuleExports(statement.expression.left)
    ) {
      return statement.expression.right;
    }
  }
  throw new ConfigEditError('the file has no `export default` (or `module.exports =`) to read the config from');
}

/** `const name = …` at the top level (exported or not); `let`/`var` could be reassigned later. */
function topLevelConst(program: NodeOf<'Program'>, name: string): Node | null {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier' || declarator.id.name !== name || !declarator.init) continue;
      if (declaration.kind !== 'const') {
        throw new ConfigEditError(
          `the exported \`${name}\` is declared with ${declaration.kind}: it may change before export`,
        );
      }
      return declarator.init;
    }
  }
  return null;
}

function calleeName(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && node.property.type === 'Identifier') return node.property.name;
  return null;
}

function resolveObject(program: NodeOf<'Program'>, node: Node, depth = 0): ObjectNode {
  const inner = unwrap(node);
  if (depth > 8) throw new ConfigEditError('the default export is a chain of references too long to follow');
  switch (inner.type) {
    case 'ObjectExpression':
      return inner;
    case 'CallExpression': {
      const name = calleeName(inner.callee);
      const [first] = inner.arguments;
      // defineConfig is an identity function that exists for types; anything else computes the config.
      if (name === 'defineConfig' && first && first.type !== 'SpreadElement' && first.type !== 'ArgumentPlaceholder') {
        return resolveObject(program, first, depth + 1);
      }
      throw new ConfigEditError(
        `the config is the result of ${name ?? 'a call'}(…): its options are only known when it runs, so it cannot be edited statically`,
      );
    }
    case 'Identifier': {
      const init = topLevelConst(program, inner.name);
      if (!init) throw new ConfigEditError(`the exported \`${inner.name}\` is not a top-level constant of this file`);
      return resolveObject(program, init, depth + 1);
    }
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'FunctionDeclaration':
      throw new ConfigEditError(
        'the config is a function (its options depend on the command or mode), so it cannot be read or edited statically; change it by hand',
      );
    default:
      throw new ConfigEditError(
        `the default export is a ${inner.type}, not an object literal, so it cannot be edited statically`,
      );
  }
}

function keyName(property: PropertyNode): string | null {
  const key = property.key;
  if (key.type === 'StringLiteral') return key.value;
  if (property.computed) return null;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'NumericLiteral') return String(key.value);
  return null;
}

/** The last property named `key` (later ones win), and whether a spread after it could override it. */
function findProperty(object: ObjectNode, key: string): { property: PropertyNode | null; spreadAfter: boolean } {
  let property: PropertyNode | null = null;
  let spreadAfter = false;
  for (const candidate of object.properties) {
    if (candidate.type === 'SpreadElement') spreadAfter = true;
    else if (keyName(candidate) === key) {
      property = candidate;
      spreadAfter = false;
    }
  }
  return { property, spreadAfter };
}

function literalValue(node: Node): { ok: true; value: JsonLiteral } | { ok: false } {
  const inner = unwrap(node);
  switch (inner.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return { ok: true, value: inner.value };
    case 'NullLiteral':
      return { ok: true, value: null };
    case 'TemplateLiteral':
      if (inner.expressions.length > 0) return { ok: false };
      return { ok: true, value: inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('') };
    case 'ArrayExpression': {
      const values: JsonLiteral[] = [];
      for (const element of inner.elements) {
        if (!element || element.type === 'SpreadElement') return { ok: false };
        const item = literalValue(element);
        if (!item.ok) return { ok: false };
        values.push(item.value);
      }
      return { ok: true, value: values };
    }
    default:
      return { ok: false };
  }
}

async function configRoot(code: string): Promise<{ program: NodeOf<'Program'>; config: ObjectNode }> {
  const program = await parseProgram(code);
  return { program, config: resolveObject(program, defaultExport(program)) };
}

/** What the config sets at `path` (e.g. ['build', 'target']), without running the file. */
export async function readConfigOption(code: string, path: readonly string[]): Promise<ConfigLookup> {
  if (path.length === 0) throw new ConfigEditError('empty option path');
  // Reading needs lines and values only, which any line ending keeps: no need to be strict here.
  const text = code.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { config } = await configRoot(text);
  let object = config;
  let line = lineOf(config);
  for (const [index, key] of path.entries()) {
    const { property, spreadAfter } = findProperty(object, key);
    if (spreadAfter) return { state: 'unknown', line };
    if (!property) return { state: 'missing', line };
    line = lineOf(property);
    const [start, end] = span(property.type === 'ObjectProperty' ? property.value : property);
    const source = text.slice(start, end);
    if (property.type === 'ObjectMethod') {
      return { state: index === path.length - 1 ? 'expression' : 'unknown', text: source, line };
    }
    const value = unwrap(property.value);
    if (index === path.length - 1) {
      const literal = literalValue(value);
      return literal.ok
        ? { state: 'literal', value: literal.value, text: source, line }
        : { state: 'expression', text: source, line };
    }
    if (value.type !== 'ObjectExpression') return { state: 'unknown', text: source, line };
    object = value;
  }
  throw new ConfigEditError('unreachable: the loop returns at the last key');
}

/** Calls `visit` on every node below `node`, depth first, in source order. */
export function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key.endsWith('Comments')) continue;
    if (value && typeof value === 'object') walk(value, visit);
  }
}

function detectStyle(code: string, program: NodeOf<'Program'>): CodeStyle {
  let single = 0;
  let double = 0;
  walk(program, (node) => {
    if (node.type !== 'StringLiteral' || typeof node.start !== 'number') return;
    if (code[node.start] === "'") single += 1;
    else if (code[node.start] === '"') double += 1;
  });
  const statements = program.body.filter((statement) => typeof statement.end === 'number');
  const withSemi = statements.filter((statement) => code[(statement.end ?? 0) - 1] === ';').length;
  const indents = code
    .split('\n')
    // Continuation lines of block comments (` * …`) sit one space in: they are not indentation.
    .map((line) => /^([ \t]+)[^\s*]/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  const tab = indents.find((indent) => indent.startsWith('\t'));
  const spaces = Math.min(...indents.filter((indent) => !indent.startsWith('\t')).map((indent) => indent.length));
  return {
    quote: double > single ? '"' : "'",
    indent: tab ? '\t' : ' '.repeat(Number.isFinite(spaces) ? spaces : 2),
    semi: statements.length === 0 || withSemi * 2 >= statements.length,
  };
}

/** Prettier (3.x) writes trailing commas in multi-line literals by default; follow the file when it shows. */
function usesTrailingCommas(code: string): boolean {
  if (/,[ \t]*(\/\/[^\n]*)?\n[ \t]*[}\]]/.test(code)) return true;
  return !/[^,{[\s][ \t]*\n[ \t]*[}\]]/.test(code);
}

/** Whether the text between a property and its object's closing brace holds a comma (comments skipped). */
function hasCommaBetween(code: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (code.startsWith('//', i)) i = code.indexOf('\n', i) < 0 ? to : code.indexOf('\n', i);
    else if (code.startsWith('/*', i)) i = code.indexOf('*/', i) < 0 ? to : code.indexOf('*/', i) + 1;
    else if (code[i] === ',') return true;
  }
  return false;
}

function indentationAt(code: string, offset: number): { indent: string; alone: boolean } {
  const lineStart = code.lastIndexOf('\n', offset - 1) + 1;
  const before = code.slice(lineStart, offset);
  return { indent: /^[ \t]*/.exec(before)?.[0] ?? '', alone: /^[ \t]*$/.test(before) };
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function printValue(value: ConfigValue, style: CodeStyle, indent: string): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // Raw code is written with two spaces per level: convert to the file's unit, then to this depth.
    return value.raw
      .split('\n')
      .map((line, index) => {
        if (index === 0) return line;
        const depth = /^( {2})*/.exec(line)?.[0].length ?? 0;
        return line === '' ? '' : indent + style.indent.repeat(depth / 2) + line.slice(depth);
      })
      .join('\n');
  }
  if (typeof value === 'string') {
    const escaped = JSON.stringify(value).slice(1, -1);
    return style.quote === '"' ? `"${escaped}"` : `'${escaped.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => printValue(item, style, indent)).join(', ')}]`;
  return String(value);
}

/** `a: { b: { c: value } }` for the keys still missing, multi-line at `indent` or on one line. */
function printProperty(
  keys: readonly string[],
  value: ConfigValue,
  style: CodeStyle,
  indent: string | null,
  comma: boolean,
): string {
  const [key, ...rest] = keys;
  if (key === undefined) throw new ConfigEditError('empty option path');
  if (rest.length === 0) return `${keyText(key)}: ${printValue(value, style, indent ?? '')}`;
  if (indent === null) return `${keyText(key)}: { ${printProperty(rest, value, style, null, comma)} }`;
  const inner = indent + style.indent;
  const body = printProperty(rest, value, style, inner, comma);
  return `${keyText(key)}: {\n${inner}${body}${comma ? ',' : ''}\n${indent}}`;
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

/** Adds the property for `keys` to `object`, laid out like the object already is. */
function insertInto(
  code: string,
  object: ObjectNode,
  keys: readonly string[],
  value: ConfigValue,
  style: CodeStyle,
  /** The object sits inside a one-line parent (`{ build: {} }`): stay on that line. */
  inline: boolean,
) {
  const [start, end] = span(object);
  const close = end - 1;
  const last = object.properties.at(-1);
  const closing = indentationAt(code, close);
  const multiLine = code.slice(start, end).includes('\n') && closing.alone;
  const splices: Splice[] = [];
  if (multiLine) {
    const lineStart = code.lastIndexOf('\n', close - 1) + 1;
    let indent = closing.indent + style.indent;
    let comma = usesTrailingCommas(code);
    if (last) {
      const [lastStart, lastEnd] = span(last);
      const own = indentationAt(code, lastStart);
      if (own.alone) indent = own.indent;
      comma = hasCommaBetween(code, lastEnd, close);
      // Without a trailing comma the previous last property needs one now, right after its value.
      if (!comma) splices.push({ at: lastEnd, remove: 0, insert: ',' });
    }
    const property = printProperty(keys, value, style, indent, comma);
    splices.push({ at: lineStart, remove: 0, insert: `${indent}${property}${comma ? ',' : ''}\n` });
  } else if (last) {
    const [, lastEnd] = span(last);
    splices.push({ at: lastEnd, remove: 0, insert: `, ${printProperty(keys, value, style, null, false)}` });
  } else if (inline) {
    splices.push({ at: start, remove: end - start, insert: `{ ${printProperty(keys, value, style, null, false)} }` });
  } else {
    // `{}` on one line: open it up into a block at the indentation of the line it is on.
    const base = indentationAt(code, start).indent;
    const indent = base + style.indent;
    const comma = usesTrailingCommas(code);
    const property = printProperty(keys, value, style, indent, comma);
    splices.push({
      at: start,
      remove: end - start,
      insert: `{\n${indent}${property}${comma ? ',' : ''}\n${base}}`,
    });
  }
  return splices;
}

function applySplices(code: string, splices: Splice[]): string {
  let result = code;
  for (const splice of [...splices].sort((a, b) => b.at - a.at)) {
    result = result.slice(0, splice.at) + splice.insert + result.slice(splice.at + splice.remove);
  }
  return result;
}

/**
 * Sets the option at `path` (e.g. ['build', 'target']) in the exported config, creating the parent
 * objects that are missing. Everything outside the option keeps its exact text. Throws
 * ConfigEditError when the config is not an object literal (a function, a computed config) or a
 * parent on the path is not one.
 */
export async function setConfigOption(
  original: string,
  path: readonly string[],
  value: ConfigValue | ((style: CodeStyle) => ConfigValue),
): Promise<string> {
  if (path.length === 0) throw new ConfigEditError('empty option path');
  const { text: code, restore } = normalise(original);
  const { program, config } = await configRoot(code);
  const style = detectStyle(code, program);
  const resolved = typeof value === 'function' ? value(style) : value;
  let object = config;
  let inlineParent = false;
  let splices: Splice[] | null = null;
  for (const [index, key] of path.entries()) {
    const { property, spreadAfter } = findProperty(object, key);
    const where = path.slice(0, index + 1).join('.');
    if (property && spreadAfter) throw new ConfigEditError(`${where} may be overridden by a spread (...) after it`);
    if (!property) {
      splices = insertInto(code, object, path.slice(index), resolved, style, inlineParent);
      break;
    }
    const last = index === path.length - 1;
    if (last) {
      const indent = indentationAt(code, span(property)[0]).indent;
      const printed = printValue(resolved, style, indent);
      // A method (`manualChunks(id) {…}`) or shorthand (`{ target }`) has no separate value to replace.
      const target = property.type === 'ObjectMethod' || property.shorthand ? property : property.value;
      const whole = target === property;
      const [start, end] = span(target);
      splices = [{ at: start, remove: end - start, insert: whole ? `${keyText(key)}: ${printed}` : printed }];
      break;
    }
    const next = property.type === 'ObjectProperty' ? unwrap(property.value) : null;
    if (next?.type !== 'ObjectExpression') {
      throw new ConfigEditError(`${where} is not an object literal, so ${path.join('.')} cannot be set statically`);
    }
    inlineParent = !code.slice(...span(object)).includes('\n');
    object = next;
  }
  const result = restore(applySplices(code, splices ?? []));
  // The splice is checked, not trusted: the result must parse and hold the option where asked.
  const check = await readConfigOption(result, path).catch((error: unknown) => {
    throw new ConfigEditError(`the edit would not parse (${error instanceof Error ? error.message : String(error)})`);
  });
  if (check.state === 'missing' || check.state === 'unknown') {
    throw new ConfigEditError(`the edit did not set ${path.join('.')}`);
  }
  return result;
}
