import type { Instruction } from 'dockerfile-ast';
import { type DockerfileDocument, DockerfileEdits, type Stage } from '../../edit/dockerfile';
import type { DetectedFinding, FileEdit, Rule, RuleContext } from '../../types';
import { type DockerfileSource, dockerfiles, evidenceAt, readForFix } from './dockerfiles';
import { isNpmInstall, pipInstallAt, program, simpleCommands, type Words } from './shell';

/**
 * Files that only describe dependencies (the container detector's list, which it does not export, plus
 * requirement folders). A COPY of only these before the install keeps the install layer cached.
 */
const DEPENDENCY_FILE =
  /^(requirements[^/]*\.(txt|in)|constraints[^/]*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|setup\.(py|cfg)|package(-lock)?\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|\.yarnrc(\.yml)?|bun\.lockb?|\.npmrc|Cargo\.(toml|lock)|go\.(mod|sum)|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|Gemfile(\.lock)?|composer\.(json|lock))$/;

function isDependencyPath(path: string): boolean {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  return DEPENDENCY_FILE.test(clean.slice(clean.lastIndexOf('/') + 1)) || /(^|\/)requirements(\/[^/]+)?$/.test(clean);
}

type InstallKind = 'pip' | 'npm' | 'yarn' | 'pnpm' | 'poetry' | 'uv' | 'cargo' | 'go' | 'other';

/** Which dependency install a simple command is, or null for anything else (apt, rm, the app's own build…). */
function installKind(words: Words): InstallKind | null {
  if (pipInstallAt(words) >= 0) return 'pip';
  if (isNpmInstall(words)) return 'npm';
  const w = program(words);
  const [tool = '', sub = ''] = w;
  if (tool === 'yarn' && (w.length === 1 || sub === 'install' || sub.startsWith('--'))) return 'yarn';
  if (tool === 'pnpm' && (sub === 'install' || sub === 'i')) return 'pnpm';
  if (tool === 'poetry' && sub === 'install') return 'poetry';
  if (tool === 'uv' && (sub === 'sync' || (sub === 'pip' && w[2] === 'install'))) return 'uv';
  if (tool === 'cargo' && (sub === 'build' || sub === 'fetch')) return 'cargo';
  if (tool === 'go' && (sub === 'build' || (sub === 'mod' && w[2] === 'download'))) return 'go';
  if ((tool === 'pipenv' || tool === 'bundle' || tool === 'composer' || tool === 'bun') && sub === 'install')
    return 'other';
  return null;
}

/**
 * Whether an install reads the project's manifests. `pip install --upgrade pip` or `npm install -g x`
 * name their packages: no manifest to copy first, so they do not decide the order.
 */
function readsManifests(words: Words): boolean {
  const kind = installKind(words);
  const w = program(words);
  if (kind === 'pip') {
    const args = words.slice(pipInstallAt(words) + 1);
    return args.some((arg) => /^(-r|-c|--requirement|--constraint|-e|--editable)/.test(arg) || /^[./]/.test(arg));
  }
  if (kind === 'npm' || kind === 'pnpm') return w.slice(2).every((arg) => arg.startsWith('-'));
  return kind !== null;
}

interface Misorder {
  stage: Stage;
  copy: Instruction;
  run: Instruction;
  kind: InstallKind;
}

/** Per stage, the first dependency install that runs after the sources were copied (the detector's test). */
function misorders(doc: DockerfileDocument): Misorder[] {
  const found: Misorder[] = [];
  for (const stage of doc.stages()) {
    let sourceCopy: Instruction | null = null;
    let manifestCopy: Instruction | null = null;
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword === 'COPY' || keyword === 'ADD') && doc.flag(instruction, 'from') === null) {
        const sources = doc.args(instruction).slice(0, -1);
        if (sources.length > 0 && sources.every(isDependencyPath)) manifestCopy ??= instruction;
        else sourceCopy ??= instruction;
        continue;
      }
      if (keyword !== 'RUN') continue;
      const kind = simpleCommands(doc.command(instruction))
        .filter(readsManifests)
        .map(installKind)
        .find((k) => k !== null);
      if (!kind) continue;
      if (sourceCopy) found.push({ stage, copy: sourceCopy, run: instruction, kind });
      if (sourceCopy || manifestCopy) break;
    }
  }
  return found;
}

/** pip options that take a value (so the value is not a package or a path to install). */
const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '--prefix',
  '--target',
  '-t',
  '--root',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--progress-bar',
  '--upgrade-strategy',
  '--cache-dir',
  '--timeout',
  '--retries',
  '--proxy',
  '--cert',
  '--client-cert',
  '--log',
  '-C',
  '--config-settings',
]);

type Plan = { ok: true; files: string[] } | { ok: false; reason: string };

function fail(reason: string): Plan {
  return { ok: false, reason };
}

/** Requirement files a pip command reads (-r/-c), or why it needs the sources (a local path, -e). */
function pipFiles(words: Words): Plan {
  const args = words.slice(pipInstallAt(words) + 1);
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const joined = /^--(?:requirement|constraint)=(.+)$/.exec(arg) ?? /^-[rc](.+)$/.exec(arg);
    if (joined?.[1]) files.push(joined[1]);
    else if (['-r', '--requirement', '-c', '--constraint'].includes(arg)) files.push(args[++i] ?? '');
    else if (arg === '-e' || arg.startsWith('--editable')) return fail('pip installs an editable path');
    else if (arg === '-f' || arg.startsWith('--find-links')) return fail('pip reads packages from --find-links');
    else if (PIP_VALUE_OPTIONS.has(arg)) i++;
    // A bare package name is fine; a path (".", "./pkg", "dist/x.whl") needs the sources.
    else if (!arg.startsWith('-') && /^[./]|\/|\.(whl|zip)$|\.tar\.gz$/.test(arg)) {
      return fail(`pip installs the local path ${arg}`);
    }
  }
  return files.length > 0 ? { ok: true, files } : fail('pip installs no requirement file');
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Normalizes a path inside the build context; null when it leaves it. */
function contextPath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.join('/');
}

/** Follows `-r`/`-c` includes; any editable or local requirement means the install needs the sources. */
async function requirementClosure(context: RuleContext, root: string, files: string[]): Promise<Plan> {
  const seen: string[] = [];
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.includes(file)) continue;
    seen.push(file);
    const text = await context.read(joinPath(root, file));
    if (text === null) return fail(`${file} is not in the build context`);
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      const include = /^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+)?(\S+)$/.exec(line);
      if (include?.[1]) {
        const nested = contextPath(joinPath(dirOf(file), include[1]));
        if (nested === null) return fail(`${file} includes ${include[1]} from outside the build context`);
        queue.push(nested);
      } else if (/^(-e|--editable)\b|^\.|^\/|^file:|@\s*file:/.test(line)) {
        return fail(`${file} installs a local path (${line})`);
      }
    }
  }
  return { ok: true, files: seen };
}

/** package.json plus the lock and config files next to it; refuses workspaces and install-time scripts. */
async function nodeFiles(context: RuleContext, root: string, kind: 'npm' | 'yarn' | 'pnpm'): Promise<Plan> {
  const read = (name: string): Promise<string | null> => context.read(joinPath(root, name));
  const manifest = await read('package.json');
  if (manifest === null) return fail('package.json is not in the build context');
  let pkg: { workspaces?: unknown; scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(manifest) as typeof pkg;
  } catch {
    return fail('package.json is not valid JSON');
  }
  if (pkg.workspaces !== undefined) return fail('workspaces need every package.json in the context');
  const hooks = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => pkg.scripts?.[name] !== undefined);
  if (hooks.length > 0) return fail(`package.json runs ${hooks.join(', ')} on install, which may read the sources`);
  if (kind === 'yarn' && (await read('.yarnrc.yml')) !== null) return fail('Yarn Berry needs .yarn/ as well');
  if (kind === 'pnpm' && (await read('pnpm-workspace.yaml')) !== null)
    return fail('pnpm workspaces need every package');
  const extra: Record<typeof kind, string[]> = {
    npm: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
    yarn: ['yarn.lock', '.yarnrc', '.npmrc'],
    pnpm: ['pnpm-lock.yaml', '.npmrc'],
  };
  const files = ['package.json'];
  for (const name of extra[kind]) if ((await read(name)) !== null) files.push(name);
  return { ok: true, files };
}

/** Commands that may share the install's RUN without needing the sources. */
function harmless(words: Words): boolean {
  const w = program(words);
  const [tool = '', sub = ''] = w;
  return (
    ['rm', 'true', 'echo', 'apt-get', 'apt', 'apk'].includes(tool) ||
    (tool === 'npm' && sub === 'cache') ||
    (/^pip3?$/.test(tool) && sub === 'cache') ||
    (tool === 'yarn' && sub === 'cache') ||
    (tool === 'pnpm' && sub === 'store')
  );
}

const METADATA = new Set(['LABEL', 'EXPOSE']);

/** The manifest files to copy first, when the misorder is the simple `COPY . <workdir>` + install case. */
async function plan(context: RuleContext, source: DockerfileSource, m: Misorder): Promise<Plan> {
  const { doc } = source;
  const args = doc.args(m.copy);
  if (m.copy.getKeyword() !== 'COPY' || args.length !== 2 || !['.', './'].includes(args[0] ?? '')) {
    return fail('the sources arrive by something other than one COPY . <dest>');
  }
  const between = m.stage.instructions.filter(
    (i) =>
      i.getRange().start.line > m.copy.getRange().end.line && i.getRange().start.line < m.run.getRange().start.line,
  );
  const blocker = between.find((i) => !METADATA.has(i.getKeyword()));
  if (blocker)
    return fail(`${blocker.getKeyword()} on line ${doc.lineOf(blocker)} sits between the COPY and the install`);
  // The install reads paths relative to WORKDIR; the simple case copies the context right there.
  let workdir = '';
  for (const i of m.stage.instructions) {
    if (i.getRange().start.line > m.copy.getRange().start.line) break;
    if (i.getKeyword() === 'WORKDIR') {
      const value = doc.args(i)[0] ?? '';
      workdir = value.startsWith('/') ? value : `${workdir}/${value}`;
    }
  }
  const dest = args[1] ?? '';
  const normal = (path: string): string => path.replace(/\/+$/, '').replace(/\/\.$/, '') || '/';
  if (!['.', './'].includes(dest) && (workdir === '' || normal(dest) !== normal(workdir))) {
    return fail(`COPY puts the sources in ${dest}, not in the WORKDIR the install runs in`);
  }
  if (doc.isJsonForm(m.run) || doc.hasHeredoc(m.run)) return fail('the install RUN is not a plain shell line');

  const files: string[] = [];
  for (const words of simpleCommands(doc.command(m.run))) {
    const kind = installKind(words);
    let part: Plan;
    if (kind === 'pip') {
      const direct = pipFiles(words);
      if (!direct.ok) return direct;
      const inContext = direct.files.map((file) =>
        file.startsWith('/') && workdir !== '' && file.startsWith(`${normal(workdir)}/`)
          ? file.slice(normal(workdir).length + 1)
          : file,
      );
      const relative = inContext.map((file) => (file.startsWith('/') ? null : contextPath(file)));
      if (relative.some((file) => file === null)) return fail('a requirement file lies outside the copied folder');
      part = await requirementClosure(context, source.dir, relative as string[]);
    } else if (kind === 'npm' || kind === 'yarn' || kind === 'pnpm') {
      const w = program(words);
      if (w.slice(2).some((arg) => !arg.startsWith('-'))) return fail(`${w.join(' ')} installs named packages`);
      part = await nodeFiles(context, source.dir, kind);
    } else if (kind !== null) {
      return fail(`${program(words).join(' ')} needs more than the manifests (use the advice)`);
    } else if (harmless(words)) {
      continue;
    } else {
      return fail(`"${words.join(' ')}" shares the install's RUN and may need the sources`);
    }
    if (!part.ok) return part;
    for (const file of part.files) if (!files.includes(file)) files.push(file);
  }
  return files.length > 0 ? { ok: true, files } : fail('no manifest to copy');
}

/** One COPY per folder, so nested requirement files keep their paths under the destination. */
function copyLines(doc: DockerfileDocument, copy: Instruction, files: string[]): string[] {
  const flags = doc.flags(copy);
  const first = flags[0];
  const last = flags[flags.length - 1];
  const flagText = first && last ? `${doc.slice({ start: first.getRange().start, end: last.getRange().end })} ` : '';
  const dest = doc.args(copy)[1] ?? '.';
  const folders = new Map<string, string[]>();
  for (const file of files) folders.set(dirOf(file), [...(folders.get(dirOf(file)) ?? []), file]);
  return [...folders].map(([folder, list]) => {
    const base = dest.endsWith('/') ? dest : `${dest}/`;
    const target = folder === '' ? (list.length > 1 ? base : dest) : `${base}${folder}/`;
    return `COPY ${flagText}${list.join(' ')} ${target}`;
  });
}

function firstLine(doc: DockerfileDocument, instruction: Instruction): number {
  return doc.leadingComments(instruction)[0]?.getRange().start.line ?? instruction.getRange().start.line;
}

interface Reordered {
  text: string;
  /** The rewritten span, from the COPY (with its comments) to where the install used to end. */
  before: string;
  after: string;
}

function reorder(doc: DockerfileDocument, m: Misorder, files: string[]): Reordered {
  const copyFrom = firstLine(doc, m.copy);
  const runFrom = firstLine(doc, m.run);
  const spanEnd = doc.nextLineStart(m.run.getRange().end.line);
  let block = doc.text.slice(doc.lineStart(runFrom), spanEnd);
  if (!/[\r\n]$/.test(block)) block += doc.eol;
  const copies = copyLines(doc, m.copy, files)
    .map((line) => line + doc.eol)
    .join('');
  const text = new DockerfileEdits(doc)
    .insertBeforeLine(copyFrom, copies + block)
    .removeLines(m.run, runFrom)
    .apply();
  // Moving the block keeps the span's length, so the new span is the old one plus the COPY lines.
  const start = doc.lineStart(copyFrom);
  const grown = spanEnd + copies.length + (block.length - (spanEnd - doc.lineStart(runFrom)));
  return { text, before: doc.text.slice(start, spanEnd), after: text.slice(start, grown) };
}

const SKETCHES: Record<InstallKind, string> = {
  pip: 'COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .',
  npm: 'COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .',
  yarn: 'COPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . .',
  pnpm: 'COPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\nCOPY . .',
  poetry: 'COPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\nRUN poetry install --only-root',
  uv: 'COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen',
  cargo:
    'COPY Cargo.toml Cargo.lock ./\nRUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src\nCOPY . .\nRUN touch src/main.rs && cargo build --release\n# (or cargo-chef for workspaces)',
  go: 'COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...',
  other: 'COPY <dependency manifests> ./\nRUN <install dependencies only>\nCOPY . .\nRUN <build the project>',
};

export const layerOrder: Rule = {
  id: 'docker.layer-order',
  title: 'Copy dependency manifests before the sources',
  rationale:
    'Docker reuses a layer only while everything before it is unchanged. When all sources are copied before ' +
    'the dependency install, any source edit re-runs the whole install; copying only the manifests first keeps ' +
    'the install cached until the dependencies themselves change.',
  reference: {
    title: 'Docker: Optimize cache usage (order your layers)',
    url: 'https://docs.docker.com/build/cache/optimize/',
  },
  stack: 'docker',
  risk: 'review',
  effort: 'low',
  metrics: ['build-time'],
  prior: { pImprove: 0.8, effect: 0.5 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const source of await dockerfiles(context)) {
      for (const m of misorders(source.doc)) {
        const planned = await plan(context, source, m);
        const copyLine = source.doc.lineOf(m.copy);
        const runLine = source.doc.lineOf(m.run);
        const reordered = planned.ok ? reorder(source.doc, m, planned.files) : null;
        const span = source.doc.text.slice(
          source.doc.lineStart(firstLine(source.doc, m.copy)),
          source.doc.nextLineStart(m.run.getRange().end.line),
        );
        findings.push({
          dir: source.dir,
          message:
            `${source.file}: ${source.doc.excerpt(m.copy)} (line ${copyLine}) comes before ${source.doc.excerpt(m.run)} ` +
            `(line ${runLine}), so every source edit re-runs the dependency install` +
            (planned.ok ? '' : `; not rewritten automatically because ${planned.reason}`),
          evidence: [evidenceAt(source, m.copy), evidenceAt(source, m.run)],
          current: (reordered?.before ?? span).trimEnd(),
          proposed: reordered ? reordered.after.trimEnd() : SKETCHES[m.kind],
          data: { file: source.file, stage: m.stage.index, automatic: planned.ok },
        });
      }
    }
    return findings;
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const doc = await readForFix(context, file);
    const source = (await dockerfiles(context)).find((s) => s.file === file);
    const m = misorders(doc).find((one) => one.stage.index === finding.data?.stage);
    if (!source || !m) throw new Error(`${file} already installs its dependencies before copying the sources`);
    const planned = await plan(context, { ...source, doc }, m);
    if (!planned.ok) throw new Error(`${file} needs this change by hand: ${planned.reason}`);
    return [{ file, before: doc.text, after: reorder(doc, m, planned.files).text }];
  },
};
