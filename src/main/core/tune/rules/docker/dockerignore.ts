import type { Instruction } from 'dockerfile-ast';
import type { DetectedFinding, FileEdit, Rule, RuleContext } from '../../types';
import { type DockerfileSource, dockerfiles, evidenceAt } from './dockerfiles';
import { simpleCommands } from './shell';

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** COPY/ADD of the whole build context (`.` or `./` as a source), which is what sends everything into a layer. */
function wholeContextCopies(source: DockerfileSource): Instruction[] {
  return source.doc.instructions().filter((instruction) => {
    const keyword = instruction.getKeyword();
    if ((keyword !== 'COPY' && keyword !== 'ADD') || source.doc.flag(instruction, 'from') !== null) return false;
    return source.doc
      .args(instruction)
      .slice(0, -1)
      .some((arg) => arg === '.' || arg === './');
  });
}

/** The words of every RUN, to know what the build itself reinstalls or needs. */
function runWords(source: DockerfileSource): string[][] {
  return source.doc
    .instructions()
    .filter((i) => i.getKeyword() === 'RUN')
    .flatMap((run) => simpleCommands(source.doc.command(run)));
}

/** Build backends that read the version from git metadata: the build needs `.git` in the context. */
const VCS_VERSIONING = /setuptools[_-]scm|hatch-vcs|versioningit|dunamai|poetry-dynamic-versioning|setuptools-git/;

interface Entry {
  pattern: string;
  /** First path segment the pattern covers, to keep anything the Dockerfile copies by name. */
  name: string;
}

async function entriesFor(context: RuleContext, source: DockerfileSource): Promise<Entry[]> {
  const runs = runWords(source);
  const tools = new Set(runs.map((words) => words[0] ?? ''));
  const stacks = new Set(
    context.profile.stacks
      .filter((stack) => isWithin(stack.dir, source.dir) || isWithin(source.dir, stack.dir))
      .map((stack) => stack.id as string),
  );
  const installsPython = runs.some((w) => /^(pip3?|python3?|poetry|uv|pipenv)$/.test(w[0] ?? ''));
  const installsNode = runs.some((w) => /^(npm|yarn|pnpm|bun)$/.test(w[0] ?? ''));
  const buildsRust = tools.has('cargo');
  if (installsPython) stacks.add('python');
  if (installsNode) stacks.add('node');
  if (buildsRust) stacks.add('rust');

  const pyproject = (await context.read(joinPath(source.dir, 'pyproject.toml'))) ?? '';
  const needsGit =
    runs.some((words) => words.includes('git') || words.some((word) => word.includes('.git'))) ||
    VCS_VERSIONING.test(pyproject);

  const entries: Entry[] = [];
  const add = (pattern: string, name = pattern.replace(/^\*\*\//, '').split('/')[0] ?? pattern): void => {
    entries.push({ pattern, name });
  };
  if (!needsGit) add('.git');
  if (stacks.has('python')) {
    add('**/__pycache__');
    add('**/*.py[cod]', '');
    add('.pytest_cache');
    add('.mypy_cache');
    add('.ruff_cache');
    add('.tox');
    // A local virtualenv is built for the host, not the image; only skip it when the image installs its own.
    if (installsPython) {
      add('.venv');
      add('venv');
    }
  }
  if (stacks.has('node')) {
    // Host node_modules hold host-built native addons; only skip them when the image installs its own.
    if (installsNode) add('**/node_modules');
    add('npm-debug.log*', '');
    add('coverage');
  }
  if (stacks.has('rust') && buildsRust) add('target');

  // Whatever the Dockerfile copies by name stays in the context.
  const copied = new Set(
    source.doc
      .instructions()
      .filter((i) => (i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD') && source.doc.flag(i, 'from') === null)
      .flatMap((i) => source.doc.args(i).slice(0, -1))
      .map((arg) => arg.replace(/^\.\//, '').split('/')[0] ?? ''),
  );
  return entries.filter((entry) => entry.name === '' || !copied.has(entry.name));
}

function render(entries: readonly Entry[]): string {
  return [
    '# Keeps VCS data, caches and host-built dependencies out of the build context (and out of COPY .).',
    ...entries.map((entry) => entry.pattern),
    '',
  ].join('\n');
}

/** The .dockerignore paths Docker honours for this Dockerfile: `<Dockerfile>.dockerignore`, then the context's. */
async function hasIgnoreFile(context: RuleContext, source: DockerfileSource): Promise<boolean> {
  for (const path of [`${source.file}.dockerignore`, joinPath(source.dir, '.dockerignore')]) {
    if ((await context.read(path)) !== null) return true;
  }
  return false;
}

export const dockerignore: Rule = {
  id: 'docker.dockerignore',
  title: 'Add a .dockerignore for COPY .',
  rationale:
    'Without a .dockerignore, `COPY .` sends the whole folder to the builder and into a layer: .git, caches, ' +
    'local virtualenvs and node_modules. That slows every build (the context is uploaded first), bloats the ' +
    'image and invalidates the COPY layer whenever any of those files change.',
  reference: {
    title: 'Docker: .dockerignore files',
    url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  },
  stack: 'docker',
  risk: 'safe',
  effort: 'low',
  metrics: ['build-time', 'artifact-size'],
  prior: { pImprove: 0.6, effect: 0.2 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    const done = new Set<string>();
    for (const source of await dockerfiles(context)) {
      const copies = wholeContextCopies(source);
      // Two Dockerfiles in one folder share one context file: propose it once.
      if (copies.length === 0 || done.has(source.dir) || (await hasIgnoreFile(context, source))) continue;
      done.add(source.dir);
      const entries = await entriesFor(context, source);
      if (entries.length === 0) continue;
      const file = joinPath(source.dir, '.dockerignore');
      findings.push({
        dir: source.dir,
        message: `${source.file} copies the whole build context (${copies.map((c) => `line ${source.doc.lineOf(c)}`).join(', ')}) and ${file} does not exist: ${entries.map((e) => e.pattern).join(', ')} go into the image`,
        evidence: copies.map((copy) => evidenceAt(source, copy)),
        current: null,
        proposed: render(entries),
        data: { file },
      });
    }
    return findings;
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const source = (await dockerfiles(context)).find(
      (s) => joinPath(s.dir, '.dockerignore') === file && wholeContextCopies(s).length > 0,
    );
    if (!source) throw new Error(`no Dockerfile next to ${file} copies the whole build context any more`);
    if (await hasIgnoreFile(context, source)) throw new Error(`${file} exists already`);
    return [{ file, before: null, after: render(await entriesFor(context, source)) }];
  },
};
