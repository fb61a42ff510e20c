import type { Evidence, Fact, Stack } from '../../../../../shared/schemas/project';
import type { RuleContext } from '../../types';

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export function pythonStacks(context: RuleContext): Stack[] {
  return context.profile.stacks.filter((stack) => stack.id === 'python');
}

export function facts(stack: Stack, key: string): Fact[] {
  return stack.facts.filter((fact) => fact.key === key);
}

/** Whether the stack declares or imports a library (`python.server` = `uvicorn`, …). */
export function uses(stack: Stack, key: string, value: string): boolean {
  return facts(stack, key).some((fact) => fact.value === value);
}

/** The deepest Python stack whose folder holds `path`, if any. */
export function owningStack(context: RuleContext, path: string): Stack | null {
  let best: Stack | null = null;
  for (const stack of pythonStacks(context)) {
    if (isWithin(path, stack.dir) && (best === null || stack.dir.length > best.dir.length)) best = stack;
  }
  return best;
}

/** A Python file of the project with its lines, code only (see `codeLines`). */
export interface PythonFile {
  file: string;
  text: string;
  /** Per line: the code with comments and the inside of triple-quoted strings blanked. */
  code: string[];
}

/**
 * Per line, the code without `#` comments and without the content of triple-quoted strings (docstrings),
 * so an example in a docstring or a commented-out call never counts. Line numbers are kept.
 */
export function codeLines(text: string): string[] {
  const out: string[] = [];
  let triple: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    let code = '';
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] ?? '';
      if (triple !== null) {
        if (line.startsWith(triple, i)) {
          code += triple;
          i += 2;
          triple = null;
        }
        continue;
      }
      if (quote !== null) {
        code += ch;
        if (ch === '\\') code += line[++i] ?? '';
        else if (ch === quote) quote = null;
        continue;
      }
      if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
        triple = line.slice(i, i + 3);
        code += triple;
        i += 2;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        code += ch;
      } else if (ch === '#') {
        break;
      } else {
        code += ch;
      }
    }
    out.push(code);
  }
  return out;
}

export function imports(file: PythonFile, module: string): boolean {
  const pattern = new RegExp(
    `^\\s*(import\\s+([\\w.]+\\s*,\\s*)*${module}\\b|from\\s+${module}(\\.[\\w.]+)?\\s+import\\b)`,
  );
  return file.code.some((line) => pattern.test(line));
}

/** Module names a server command loads (`app.main:app` → `app/main.py`). */
export function moduleFile(target: string): string | null {
  const module = /^([A-Za-z_][\w.]*)(:[\w.()]+)?$/.exec(target)?.[1];
  return module ? `${module.replace(/\./g, '/')}.py` : null;
}

/** Where services usually keep the app, the model code and the cache client. */
const CONVENTIONAL = [
  'main.py',
  'app.py',
  'server.py',
  'api.py',
  'asgi.py',
  'wsgi.py',
  'service.py',
  'inference.py',
  'predict.py',
  'serve.py',
  'model.py',
  'cache.py',
  'app/main.py',
  'app/__init__.py',
  'app/api.py',
  'app/app.py',
  'app/server.py',
  'app/model.py',
  'app/inference.py',
  'app/cache.py',
  'src/main.py',
  'src/app.py',
  'src/server.py',
];

const cache = new WeakMap<RuleContext, Map<string, Promise<PythonFile[]>>>();

/**
 * Python files worth reading for a stack. Rules get no file list, so this gathers what the profile
 * points at (files the detector cited: first imports, FastAPI apps, entry scripts), modules that server
 * commands name, and the conventional places; each is read once per context.
 */
export function pythonFiles(context: RuleContext, stack: Stack, extraModules: string[] = []): Promise<PythonFile[]> {
  const perContext = cache.get(context) ?? new Map<string, Promise<PythonFile[]>>();
  cache.set(context, perContext);
  const key = `${stack.dir}\0${extraModules.join(',')}`;
  let found = perContext.get(key);
  if (!found) {
    found = readPythonFiles(context, stack, extraModules);
    perContext.set(key, found);
  }
  return found;
}

async function readPythonFiles(context: RuleContext, stack: Stack, extraModules: string[]): Promise<PythonFile[]> {
  const cited: string[] = [
    ...stack.facts.map((fact) => fact.evidence.file),
    ...context.profile.commands.filter((c) => c.cwd === stack.dir).map((c) => c.evidence?.file ?? ''),
  ];
  const named = [
    ...context.profile.commands
      .filter((c) => c.cwd === stack.dir)
      .flatMap((c) => c.command.split(/\s+/).map(moduleFile))
      .filter((file): file is string => file !== null)
      .map((file) => joinPath(stack.dir, file)),
    ...extraModules.map((module) => joinPath(stack.dir, module)),
  ];
  const candidates = [...cited, ...named, ...CONVENTIONAL.map((name) => joinPath(stack.dir, name))].filter(
    (file) => file.endsWith('.py') && isWithin(file, stack.dir),
  );
  const files: PythonFile[] = [];
  for (const file of [...new Set(candidates)]) {
    // A nested stack's files are its own.
    if (owningStack(context, file)?.dir !== stack.dir) continue;
    const text = await context.read(file);
    if (text !== null) files.push({ file, text, code: codeLines(text) });
  }
  return files;
}

export function lineEvidence(file: PythonFile, line: number): Evidence {
  const text = (file.text.split(/\r?\n/)[line - 1] ?? '').trim();
  return { file: file.file, line, excerpt: text.length > 160 ? `${text.slice(0, 159)}…` : text };
}

export function isTestFile(path: string): boolean {
  return /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/.test(path);
}

/** A call's text from its name to the matching `)`, across lines, with where it starts and ends. */
export interface Call {
  /** 1-based line of the call's name. */
  line: number;
  endLine: number;
  /** The call as written, from the name through the closing parenthesis. */
  text: string;
  /** Text between the parentheses. */
  args: string;
}

/** Finds the call whose name starts at `column` of 0-based `lineIndex` and whose `(` follows. */
export function callAt(file: PythonFile, lineIndex: number, column: number): Call | null {
  const lines = file.text.split(/\r?\n/);
  let depth = 0;
  let started = false;
  let text = '';
  for (let l = lineIndex; l < file.code.length; l++) {
    const code = file.code[l] ?? '';
    const raw = lines[l] ?? '';
    const from = l === lineIndex ? column : 0;
    let quote: string | null = null;
    for (let i = from; i < code.length; i++) {
      const ch = code[i] ?? '';
      if (quote !== null) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '(') {
        depth++;
        started = true;
      } else if (ch === ')') {
        depth--;
        if (started && depth === 0) {
          text += raw.slice(from, i + 1);
          const open = text.indexOf('(');
          return { line: lineIndex + 1, endLine: l + 1, text, args: text.slice(open + 1, -1) };
        }
      }
    }
    text += `${raw.slice(from)}\n`;
  }
  return null;
}

/** The call with `keyword=value` added as its last argument, in the call's own layout. */
export function withKeyword(call: Call, keyword: string): string {
  const open = call.text.indexOf('(');
  const head = call.text.slice(0, open + 1);
  if (call.args.trim() === '') return `${head}${keyword})`;
  const lines = call.args.split('\n');
  const closing = lines[lines.length - 1] ?? '';
  // Same line, or the closing parenthesis right after the last argument: append inline.
  if (lines.length === 1 || closing.trim() !== '')
    return `${head}${call.args.trimEnd().replace(/,$/, '')}, ${keyword})`;
  // One argument per line: add ours as the last line, indented like the others.
  const body = lines.slice(0, -1);
  let last = body.length - 1;
  while (last >= 0 && (body[last] ?? '').trim() === '') last--;
  const indent = /^\s*/.exec(body[last] ?? '')?.[0] || '    ';
  if (last >= 0 && !(body[last] ?? '').trimEnd().endsWith(',')) body[last] = `${(body[last] ?? '').trimEnd()},`;
  return `${head}${body.join('\n')}\n${indent}${keyword},\n${closing})`;
}
