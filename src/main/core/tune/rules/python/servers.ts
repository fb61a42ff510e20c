import type { Instruction } from 'dockerfile-ast';
import { isMap, isScalar, LineCounter, type Node as YamlNode, parseDocument, type YAMLMap } from 'yaml';
import type { Evidence } from '../../../../../shared/schemas/project';
import type { RuleContext } from '../../types';
import { dockerfiles, evidenceAt, finalStage, variableValue } from '../docker/dockerfiles';
import { program, simpleCommands, type Words } from '../docker/shell';
import { joinPath, pythonStacks } from './sources';

export type ServerKind = 'uvicorn' | 'gunicorn' | 'fastapi';

/** How a Python web server is started somewhere in the project. */
export interface ServerCommand {
  kind: ServerKind;
  /** The words from the server program on (`uvicorn app.main:app --port 8000`). */
  words: Words;
  origin: 'dockerfile' | 'compose' | 'procfile';
  /** The file that starts it, relative to the root. */
  file: string;
  where: Evidence;
  /** WEB_CONCURRENCY is set next to it (uvicorn and gunicorn read it as the worker count). */
  workersFromEnv: boolean;
  /** CPUs the container may use, from a compose limit, when known. */
  cpus: number | null;
  /** Dockerfile only: the CMD/ENTRYPOINT to append to, when the server words are its own arguments. */
  instructionLine: number | null;
}

function base(word: string | undefined): string {
  return (word ?? '').slice((word ?? '').lastIndexOf('/') + 1);
}

/** The server part of one simple command, past `python -m` and `poetry/uv/pipenv run`. */
export function serverWords(words: Words): { kind: ServerKind; words: Words } | null {
  let w = program(words);
  if (['poetry', 'uv', 'pipenv', 'pdm', 'hatch', 'rye'].includes(base(w[0])) && w[1] === 'run') w = w.slice(2);
  if (/^python3?(\.\d+)?$/.test(base(w[0])) && w[1] === '-m') w = w.slice(2);
  const tool = base(w[0]);
  if (tool === 'uvicorn' || tool === 'gunicorn') return { kind: tool, words: w };
  if (tool === 'fastapi' && w[1] === 'run') return { kind: 'fastapi', words: w };
  return null;
}

/** `sh -c "…"` hands its script to a shell: look inside it. */
function commandsOf(words: Words): Words[] {
  if (/^(ba|da)?sh$/.test(base(words[0])) && words[1] === '-c' && words[2] !== undefined) {
    return simpleCommands(words[2]);
  }
  return [words];
}

/** The value of `--name value` / `--name=value` / `-xvalue` in a server's words, or null. */
export function option(words: Words, names: string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    for (const name of names) {
      if (word === name) return words[i + 1] ?? '';
      if (name.startsWith('--') && word.startsWith(`${name}=`)) return word.slice(name.length + 1);
      if (!name.startsWith('--') && word.startsWith(name) && word.length > name.length) return word.slice(name.length);
    }
  }
  return null;
}

async function fromDockerfiles(context: RuleContext, cpusByDir: Map<string, number>): Promise<ServerCommand[]> {
  const found: ServerCommand[] = [];
  for (const source of await dockerfiles(context)) {
    const stage = finalStage(source.doc);
    if (!stage) continue;
    const env = variableValue(source.doc, stage, 'WEB_CONCURRENCY') !== null;
    const last = (keyword: string): Instruction | undefined =>
      stage.instructions.filter((i) => i.getKeyword() === keyword).pop();
    for (const instruction of [last('ENTRYPOINT'), last('CMD')]) {
      if (!instruction) continue;
      const json = source.doc.isJsonForm(instruction);
      const top = json ? [source.doc.args(instruction)] : simpleCommands(source.doc.command(instruction));
      for (const words of top) {
        for (const inner of commandsOf(words)) {
          const server = serverWords(inner);
          if (!server) continue;
          // Appending is only sound when the server's words are the instruction's own, not a `sh -c` string.
          const direct = inner === words && top.length === 1;
          found.push({
            ...server,
            origin: 'dockerfile',
            file: source.file,
            where: evidenceAt(source, instruction),
            workersFromEnv: env,
            cpus: cpusByDir.get(source.dir) ?? null,
            instructionLine: direct ? instruction.getRange().start.line : null,
          });
        }
      }
    }
  }
  return found;
}

function pairValue(map: YAMLMap, key: string): YamlNode | null {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.value as YamlNode | undefined) ?? null;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Compose CPU limits per build folder, to size the worker count to the container. */
async function composeServers(
  context: RuleContext,
): Promise<{ servers: ServerCommand[]; cpusByDir: Map<string, number> }> {
  const servers: ServerCommand[] = [];
  const cpusByDir = new Map<string, number>();
  for (const stack of context.profile.stacks.filter((s) => s.id === 'compose')) {
    const file = stack.facts[0]?.evidence.file ?? stack.name;
    const text = await context.read(file);
    if (text === null) continue;
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    // A malformed compose file is reported by the profile; nothing here can be trusted.
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const services = pairValue(doc.contents, 'services');
    if (!isMap(services)) continue;
    for (const item of services.items) {
      const service = item.value as YamlNode | null;
      if (!isMap(service)) continue;
      const plain = service.toJSON() as Record<string, unknown>;
      const build = plain.build;
      const buildContext =
        typeof build === 'string'
          ? build
          : typeof build === 'object' && build !== null
            ? String((build as Record<string, unknown>).context ?? '.')
            : null;
      const folder = buildContext === null ? null : normalize(joinPath(dirOf(file), buildContext));
      const deploy = plain.deploy as { resources?: { limits?: { cpus?: unknown } } } | undefined;
      const cpus = Number(deploy?.resources?.limits?.cpus ?? NaN);
      if (folder !== null && Number.isFinite(cpus)) cpusByDir.set(folder, cpus);
      const environment = plain.environment;
      const env = Array.isArray(environment)
        ? environment.some((entry) => String(entry).startsWith('WEB_CONCURRENCY='))
        : typeof environment === 'object' && environment !== null && 'WEB_CONCURRENCY' in environment;
      for (const key of ['entrypoint', 'command']) {
        const node = pairValue(service, key);
        if (!node) continue;
        const value = node.toJSON() as unknown;
        const words = Array.isArray(value)
          ? [value.map(String)]
          : typeof value === 'string'
            ? simpleCommands(value)
            : [];
        const line = node.range ? counter.linePos(node.range[0]).line : null;
        for (const inner of words.flatMap(commandsOf)) {
          const server = serverWords(inner);
          if (!server) continue;
          servers.push({
            ...server,
            origin: 'compose',
            file,
            where: { file, line, excerpt: line ? (text.split(/\r?\n/)[line - 1] ?? '').trim() : undefined },
            workersFromEnv: env,
            cpus: Number.isFinite(cpus) ? cpus : null,
            instructionLine: null,
          });
        }
      }
    }
  }
  return { servers, cpusByDir };
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Procfiles (Heroku, Dokku, honcho) next to the Python stacks: `web: uvicorn app:app`. */
async function procfileServers(context: RuleContext): Promise<ServerCommand[]> {
  const found: ServerCommand[] = [];
  const dirs = new Set(['', ...pythonStacks(context).map((stack) => stack.dir)]);
  for (const dir of dirs) {
    const file = joinPath(dir, 'Procfile');
    const text = await context.read(file);
    if (text === null) continue;
    text.split(/\r?\n/).forEach((line, index) => {
      const entry = /^([\w-]+):\s*(.+)$/.exec(line.trim());
      if (!entry?.[2]) return;
      for (const words of simpleCommands(entry[2]).flatMap(commandsOf)) {
        const server = serverWords(words);
        if (!server) continue;
        found.push({
          ...server,
          origin: 'procfile',
          file,
          where: { file, line: index + 1, excerpt: line.trim() },
          workersFromEnv: false,
          cpus: null,
          instructionLine: null,
        });
      }
    });
  }
  return found;
}

/** Every place the project starts a Python web server. */
export async function serverCommands(context: RuleContext): Promise<ServerCommand[]> {
  const compose = await composeServers(context);
  return [
    ...(await fromDockerfiles(context, compose.cpusByDir)),
    ...compose.servers,
    ...(await procfileServers(context)),
  ];
}
