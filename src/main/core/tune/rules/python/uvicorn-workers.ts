import { DockerfileEdits } from '../../edit/dockerfile';
import type { DetectedFinding, FileEdit, Rule, RuleContext } from '../../types';
import { readForFix } from '../docker/dockerfiles';
import { option, type ServerCommand, serverCommands } from './servers';
import { owningStack, uses } from './sources';

/** The worker flag each server understands (gunicorn's short form is `-w`). */
const WORKER_FLAGS: Record<ServerCommand['kind'], string[]> = {
  uvicorn: ['--workers'],
  fastapi: ['--workers'],
  gunicorn: ['--workers', '-w'],
};

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Servers that run a single worker process: no worker flag (or 1), no WEB_CONCURRENCY, no --reload. */
function singleWorker(command: ServerCommand, gunicornConfig: boolean): boolean {
  if (command.workersFromEnv || command.words.includes('--reload')) return false;
  // gunicorn can take its worker count from a config file or GUNICORN_CMD_ARGS instead of flags.
  if (command.kind === 'gunicorn' && (gunicornConfig || option(command.words, ['-c', '--config']) !== null))
    return false;
  const workers = option(command.words, WORKER_FLAGS[command.kind]);
  return workers === null || workers.trim() === '1';
}

/** Worker processes to propose: the container's CPU limit when compose sets one, else two. */
function workerCount(command: ServerCommand): number {
  return Math.max(2, Math.floor(command.cpus ?? 2));
}

async function findings(context: RuleContext): Promise<Array<{ command: ServerCommand; finding: DetectedFinding }>> {
  const found: Array<{ command: ServerCommand; finding: DetectedFinding }> = [];
  for (const command of await serverCommands(context)) {
    const folder = dirOf(command.file);
    const gunicornConfig =
      (await context.read(folder === '' ? 'gunicorn.conf.py' : `${folder}/gunicorn.conf.py`)) !== null;
    // A container limited to less than two CPUs gains nothing from a second worker.
    if (!singleWorker(command, gunicornConfig) || (command.cpus !== null && command.cpus < 2)) continue;
    const stack = owningStack(context, command.file);
    const n = workerCount(command);
    const explicitOne = option(command.words, WORKER_FLAGS[command.kind]) !== null;
    const current = command.words.join(' ');
    const target = command.words.find((word, i) => i > 0 && !word.startsWith('-') && word.includes(':')) ?? 'app:app';
    const proposed =
      (explicitOne ? current.replace(/(--workers[= ]|-w ?)1\b/, `$1${n}`) : `${current} --workers ${n}`) +
      (command.kind === 'uvicorn'
        ? `\n# or, with gunicorn supervising the workers: gunicorn -k uvicorn.workers.UvicornWorker -w ${n} ${target}`
        : '');
    const ml = stack !== null && (uses(stack, 'python.ml', 'pytorch') || uses(stack, 'python.ml', 'tensorflow'));
    found.push({
      command,
      finding: {
        dir: stack?.dir ?? folder,
        message:
          `${command.file} line ${command.where.line ?? '?'} starts ${command.kind} with ` +
          `${explicitOne ? 'an explicit single worker' : 'the default single worker'}: one process serves every request ` +
          `on one CPU core; ${n} workers${command.cpus !== null ? ` (the compose CPU limit is ${command.cpus})` : ''} can use more`,
        evidence: [command.where],
        current,
        proposed,
        warning:
          'Each worker is a separate process with its own memory' +
          (ml ? ' (a loaded model is loaded once per worker)' : '') +
          '. Match the count to the CPUs the container gets; if you already scale with one worker per replica ' +
          '(Kubernetes), keep it at one.',
        data: {
          file: command.file,
          line: command.instructionLine,
          workers: n,
          automatic: command.instructionLine !== null && !explicitOne,
        },
      },
    });
  }
  return found;
}

export const uvicornWorkers: Rule = {
  id: 'python.uvicorn-workers',
  title: 'Run more than one server worker',
  rationale:
    'uvicorn, gunicorn and `fastapi run` start a single worker process unless told otherwise, and one Python ' +
    'process runs Python code on one core at a time (the GIL). On a multi-core container, several workers ' +
    'serve proportionally more CPU-bound requests.',
  reference: { title: 'FastAPI: Server Workers', url: 'https://fastapi.tiangolo.com/deployment/server-workers/' },
  stack: 'python',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.6, effect: 0.4 },

  async detect(context) {
    return (await findings(context)).map((entry) => entry.finding);
  },

  async fix(finding, context): Promise<FileEdit[]> {
    const file = String(finding.data?.file ?? '');
    const line = finding.data?.line;
    if (typeof line !== 'number' || finding.data?.automatic !== true) {
      throw new Error(`${file} starts the server in a way Tunebench does not rewrite; add the worker flag by hand`);
    }
    const current = (await findings(context)).find(
      (entry) => entry.command.file === file && entry.command.instructionLine === line,
    );
    if (!current) throw new Error(`${file} no longer starts a single-worker server on line ${line + 1}`);
    const doc = await readForFix(context, file);
    const instruction = doc.instructions().find((i) => i.getRange().start.line === line);
    if (!instruction) throw new Error(`${file} changed: no instruction on line ${line + 1}`);
    const workers = String(current.finding.data?.workers ?? 2);
    return [
      {
        file,
        before: doc.text,
        after: new DockerfileEdits(doc).appendArguments(instruction, ['--workers', workers]).apply(),
      },
    ];
  },
};
