import { spawn } from 'node:child_process';
import { parse } from 'shell-quote';
import { TbExecServer, type TbExecRun } from '../native/tb-exec';
import { tbExecPath } from '../native/cpu-addon';
import type { BenchmarkFactory, InterleavedGroup, PreparedBenchmark } from '../worker/benchmark';

export interface CommandDefinition {
  id: string;
  title: string;
  command: string;
}

export interface CommandParams {
  /** JSON of CommandDefinition[]; more than one is measured interleaved (A B B A …). */
  commands: string;
  shell: 'sh' | 'none';
  prepare: string;
  cleanup: string;
  runTimeoutMs: number;
  ignoreFailure: boolean;
  showOutput: boolean;
}

const SHELL_CALIBRATION_RUNS = 30;

export class CommandFailedError extends Error {}

/** Splits a command line into argv without a shell; refuses shell syntax it cannot honour. */
export function splitCommand(command: string): string[] {
  const parts = parse(command);
  const argv: string[] = [];
  for (const part of parts) {
    // Without a shell nothing expands globs: the pattern is passed on literally, as hyperfine -N does.
    if (typeof part === 'object' && 'op' in part && part.op === 'glob') {
      argv.push(part.pattern);
      continue;
    }
    if (typeof part !== 'string') {
      throw new CommandFailedError(
        `"${command}" uses shell syntax (${JSON.stringify(part)}); run it with a shell (drop --no-shell)`,
      );
    }
    argv.push(part);
  }
  if (argv.length === 0) throw new CommandFailedError('the command is empty');
  return argv;
}

function argvFor(command: string, shell: CommandParams['shell']): string[] {
  return shell === 'sh' ? ['sh', '-c', command] : splitCommand(command);
}

/** Runs an untimed helper command (prepare/cleanup) through sh; fails loudly if it fails. */
function runUntimed(command: string, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new CommandFailedError(`${what} command "${command}" failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`),
        );
    });
  });
}

interface Timing {
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssMiB: number | null;
}

function describeFailure(command: string, run: TbExecRun): string | null {
  const { result } = run;
  if (result.execError) return `"${command}" could not be started: ${result.execError}`;
  if (result.signal) return `"${command}" was killed by ${result.signal}`;
  if (result.exitCode !== 0) {
    const tail = run.stderr.trim().split('\n').slice(-3).join(' | ');
    return `"${command}" exited with code ${result.exitCode}${tail ? `: ${tail}` : ''} (use --ignore-failure to time it anyway)`;
  }
  return null;
}

async function timeOnce(server: TbExecServer, argv: string[], params: CommandParams, label: string): Promise<Timing> {
  let run: TbExecRun;
  try {
    run = await server.run(argv, {
      nullStdout: !params.showOutput,
      nullStderr: false,
      timeoutMs: params.runTimeoutMs,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^"[^"]*" /, '') : String(error);
    throw new CommandFailedError(`"${label}" ${reason}`);
  }
  const failure = describeFailure(label, run);
  if (failure && (!params.ignoreFailure || run.result.execError)) throw new CommandFailedError(failure);
  if (params.showOutput && run.stdout) process.stderr.write(run.stdout);
  return {
    wallMs: run.result.wallNs / 1e6,
    userMs: run.result.userUs / 1000,
    sysMs: run.result.sysUs / 1000,
    maxRssMiB: run.result.maxRssKiB / 1024,
  };
}

/** What starting `sh -c ''` costs; hyperfine subtracts it from every timing made through a shell. */
async function shellOverhead(server: TbExecServer, params: CommandParams): Promise<Timing> {
  const runs: Timing[] = [];
  for (let i = 0; i < SHELL_CALIBRATION_RUNS; i += 1)
    runs.push(await timeOnce(server, ['sh', '-c', ''], params, "sh -c ''"));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    userMs: median(runs.map((r) => r.userMs)),
    sysMs: median(runs.map((r) => r.sysMs)),
    maxRssMiB: null,
  };
}

function prepareCommand(
  definition: CommandDefinition,
  params: CommandParams,
  server: TbExecServer,
  overhead: Timing | null,
): PreparedBenchmark {
  const argv = argvFor(definition.command, params.shell);
  const user: number[] = [];
  const system: number[] = [];
  const rss: number[] = [];
  return {
    unit: 'ms',
    direction: 'lower-is-better',
    beforeEach: params.prepare ? () => runUntimed(params.prepare, 'prepare', params.runTimeoutMs) : undefined,
    afterEach: params.cleanup ? () => runUntimed(params.cleanup, 'cleanup', params.runTimeoutMs) : undefined,
    measure: async () => {
      const timing = await timeOnce(server, argv, params, definition.command);
      user.push(Math.max(0, timing.userMs - (overhead?.userMs ?? 0)));
      system.push(Math.max(0, timing.sysMs - (overhead?.sysMs ?? 0)));
      rss.push(timing.maxRssMiB ?? 0);
      return Math.max(0, timing.wallMs - (overhead?.wallMs ?? 0));
    },
    secondary: () => {
      return [
        { idSuffix: ':user', title: '[user CPU]', unit: 'ms', direction: 'lower-is-better', samples: user },
        { idSuffix: ':sys', title: '[system CPU]', unit: 'ms', direction: 'lower-is-better', samples: system },
        { idSuffix: ':rss', title: '[peak RSS]', unit: 'MiB', direction: 'lower-is-better', samples: rss },
      ];
    },
    extras: () => ({
      shell: params.shell === 'sh' ? `sh -c (spawn ${overhead?.wallMs.toFixed(2)} ms subtracted)` : 'none',
      timer: 'tb-exec (wait4)',
    }),
    // Members of an interleaved group share the server; closing it twice is harmless.
    dispose: () => void server.close(),
  };
}

/**
 * Command benchmarks, hyperfine-class: each run is timed by tb-exec (fork/exec/wait4 with
 * CLOCK_MONOTONIC and the child's rusage), so Node's own spawn cost is outside the timing. One
 * `tb-exec --serve` per benchmark worker times every run, so Node's spawn is not paid per run either.
 */
export const commandBenchmark: BenchmarkFactory = async (raw) => {
  const params = raw as unknown as CommandParams;
  const tbExec = tbExecPath();
  if (!tbExec)
    throw new Error('the command timer tb-exec is not built: run `npm run build:native` (needs a C compiler)');
  const definitions = JSON.parse(params.commands) as CommandDefinition[];
  if (definitions.length === 0) throw new CommandFailedError('no command to benchmark');
  for (const definition of definitions) argvFor(definition.command, params.shell); // fail early on bad syntax
  const server = TbExecServer.start(tbExec);
  let overhead: Timing | null;
  try {
    overhead = params.shell === 'sh' ? await shellOverhead(server, params) : null;
  } catch (error) {
    void server.close(); // the worker calls dispose only on what the factory returned
    throw error;
  }
  const members = definitions.map((definition) => ({
    id: definition.id,
    title: definition.title,
    benchmark: prepareCommand(definition, params, server, overhead),
  }));
  const group: InterleavedGroup = { members };
  return members.length === 1 ? members[0]!.benchmark : group;
};
