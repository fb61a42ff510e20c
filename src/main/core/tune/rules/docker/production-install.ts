import type { Instruction } from 'dockerfile-ast';
import { type DockerfileDocument, DockerfileEdits, parseImage } from '../../edit/dockerfile';
import type { DetectedFinding, FileEdit, Rule } from '../../types';
import { dockerfiles, evidenceAt, instructionTextAt, readForFix, shippedStages, variableValue } from './dockerfiles';
import { isNpmInstall, pipInstallAt, program, simpleCommands, type Words } from './shell';

/** Requirement files and extras that are for development, by their conventional names. */
const DEV_NAME = /(^|[-_./[,])(dev|develop|development|test|tests|testing|lint|docs|ci)([-_.\],]|$)/i;

function npmOmitsDev(words: Words, nodeEnvProduction: boolean): boolean {
  if (nodeEnvProduction) return true;
  return words.some(
    (word, i) =>
      word === '--omit=dev' ||
      word === '--production' ||
      /^--only=prod(uction)?$/.test(word) ||
      (word === '--omit' && words[i + 1] === 'dev'),
  );
}

/** Why a pip/pipenv/poetry/uv command installs development packages, or null. */
function pythonDev(words: Words): string | null {
  const w = program(words);
  const at = pipInstallAt(words);
  if (at >= 0) {
    const args = words.slice(at + 1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      const file = ['-r', '--requirement'].includes(arg)
        ? (args[i + 1] ?? '')
        : /^(?:-r|--requirement=)(.+)$/.exec(arg)?.[1];
      const name = file?.slice(file.lastIndexOf('/') + 1) ?? '';
      if (file && (DEV_NAME.test(name) || /(^|\/)(dev|test)[^/]*\//.test(file))) return `installs ${file}`;
      const extras = /\[([^\]]+)\]$/.exec(arg)?.[1];
      if (extras && !arg.startsWith('-') && extras.split(',').some((extra) => DEV_NAME.test(extra.trim()))) {
        return `installs the ${extras} extras`;
      }
    }
    return null;
  }
  if (w[0] === 'pipenv' && w[1] === 'install' && (w.includes('--dev') || w.includes('-d')))
    return 'pipenv install --dev';
  if (
    w[0] === 'poetry' &&
    w[1] === 'install' &&
    !w.some((x) => /^--(only|without)(=|$)|^--no-dev$|^--only-root$/.test(x))
  ) {
    return 'poetry install includes the dev group';
  }
  if (w[0] === 'uv' && w[1] === 'sync' && !w.some((x) => /^--no-dev$|^--only-group|^--no-default-groups$/.test(x))) {
    return 'uv sync includes the dev group';
  }
  return null;
}

/** Steps after the install that may need devDependencies (a build, a script, a test run). */
function usesDevTools(words: Words): boolean {
  const [tool = '', sub = ''] = program(words);
  return (
    ['npx', 'yarn', 'pnpm', 'tsc', 'vite', 'webpack', 'esbuild', 'rollup', 'jest', 'vitest', 'ts-node', 'tsx'].includes(
      tool,
    ) ||
    (tool === 'npm' && !['ci', 'install', 'i', 'cache', 'prune'].includes(sub))
  );
}

interface Install {
  run: Instruction;
  npm: boolean;
  why: string;
}

interface Analysis {
  installs: Install[];
  /** Why the npm part cannot be rewritten safely, or null when `--omit=dev` can be added. */
  blocked: string | null;
  flag: string;
}

function analyse(doc: DockerfileDocument): Analysis {
  const stages = shippedStages(doc);
  const nodeEnv = stages.some((stage) => variableValue(doc, stage, 'NODE_ENV') === 'production');
  const instructions = stages.flatMap((stage) => stage.instructions);
  const installs: Install[] = [];
  let blocked: string | null = null;
  for (const [index, instruction] of instructions.entries()) {
    if (instruction.getKeyword() !== 'RUN' || doc.isJsonForm(instruction) || doc.hasHeredoc(instruction)) continue;
    const commands = simpleCommands(doc.command(instruction));
    const npm = commands.filter(
      (w) =>
        isNpmInstall(w) &&
        !npmOmitsDev(w, nodeEnv) &&
        program(w)
          .slice(2)
          .every((arg) => arg.startsWith('-')),
    );
    if (npm.length > 0) {
      installs.push({
        run: instruction,
        npm: true,
        why: `${program(npm[0] ?? []).join(' ')} installs devDependencies`,
      });
      const later = instructions.slice(index + 1);
      const laterDev = later.find(
        (i) =>
          ['RUN', 'CMD', 'ENTRYPOINT'].includes(i.getKeyword()) &&
          (doc.isJsonForm(i) ? [doc.args(i)] : simpleCommands(doc.command(i))).some(usesDevTools),
      );
      const sameRun = commands.slice(commands.findIndex((w) => npm.includes(w)) + 1).some(usesDevTools);
      if (sameRun || laterDev) {
        blocked = `line ${doc.lineOf(laterDev ?? instruction)} runs package scripts or build tools that may need devDependencies`;
      }
    }
    for (const words of commands) {
      const why = pythonDev(words);
      if (why) installs.push({ run: instruction, npm: false, why });
    }
  }
  // npm 6 (Node 14 and older) only knows --production.
  const base = parseImage(stages[0]?.from.getImage() ?? '');
  const major = Number(/^(\d+)/.exec(base.tag ?? '')?.[1] ?? NaN);
  const flag = base.official === 'node' && major < 16 ? '--production' : '--omit=dev';
  if (installs.some((install) => !install.npm)) blocked ??= 'development Python packages are chosen by hand';
  return { installs, blocked, flag };
}

const NPM_INSTALL = /\bnpm[ \t]+(?:ci|install|i)\b/g;
const COMMAND_END = /&&|\|\||;|\|/;

function addOmitDev(doc: DockerfileDocument, runs: Instruction[], flag: string): string {
  const edits = new DockerfileEdits(doc);
  for (const run of runs) {
    const range = run.getArgumentsRange();
    if (!range) continue;
    const start = doc.offsetAt(range.start);
    const raw = doc.text.slice(start, doc.offsetAt(range.end));
    for (const match of raw.matchAll(NPM_INSTALL)) {
      const after = match.index + match[0].length;
      const rest = raw.slice(after);
      const own = rest.slice(0, COMMAND_END.exec(rest)?.index ?? rest.length);
      if (!/--omit[= ]dev|--production|--only=prod/.test(own)) edits.insertAtOffset(start + after, ` ${flag}`);
    }
  }
  return edits.apply();
}

export const productionInstall: Rule = {
  id: 'docker.production-install',
  title: 'Install only production dependencies in the final image',
  rationale:
    'npm install/ci installs devDependencies unless told otherwise, and installing dev or test requirements ' +
    'adds linters, test runners and type checkers to the image. They are never used at run time and often ' +
    'outweigh the application itself.',
  reference: { title: 'npm ci: --omit', url: 'https://docs.npmjs.com/cli/commands/npm-ci#omit' },
  stack: 'docker',
  risk: 'review',
  effort: 'low',
  metrics: ['artifact-size'],
  prior: { pImprove: 0.7, effect: 0.2 },

  async detect(context) {
    const findings: DetectedFinding[] = [];
    for (const source of await dockerfiles(context)) {
      const { installs, blocked, flag } = analyse(source.doc);
      if (installs.length === 0) continue;
      const runs = [...new Set(installs.map((install) => install.run))];
      const npmRuns = [...new Set(installs.filter((i) => i.npm).map((i) => i.run))];
      const fixed = blocked === null ? addOmitDev(source.doc, npmRuns, flag) : null;
      findings.push({
        dir: source.dir,
        message:
          `${source.file} final image: ${installs.map((i) => `${i.why} (line ${source.doc.lineOf(i.run)})`).join('; ')}` +
          (blocked ? `; not rewritten automatically because ${blocked}` : ''),
        evidence: runs.map((run) => evidenceAt(source, run)),
        current: runs.map((run) => source.doc.source(run)).join('\n'),
        proposed:
          fixed !== null
            ? npmRuns.map((run) => instructionTextAt(fixed, run.getRange().start.line)).join('\n')
            : `Install ${flag === '--production' ? 'with --production' : 'with --omit=dev'} (npm) and only the runtime requirements (pip) in the final stage; build or test in an earlier stage and copy the result.`,
        data: { file: source.file, automatic: blocked === null },
      });
    }
    return findings;
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const doc = await readForFix(context, file);
    const { installs, blocked, flag } = analyse(doc);
    if (installs.length === 0) throw new Error(`${file} installs only production dependencies already`);
    if (blocked !== null) throw new Error(`${file} needs this change by hand: ${blocked}`);
    const runs = [...new Set(installs.map((install) => install.run))];
    const after = addOmitDev(doc, runs, flag);
    if (after === doc.text) throw new Error(`${file}: could not locate the npm install to edit; change it by hand`);
    return [{ file, before: doc.text, after }];
  },
};
