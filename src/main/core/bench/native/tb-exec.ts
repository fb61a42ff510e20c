/**
 * Runs one command under native/cpu's tb-exec and returns its measurement: wall time on CLOCK_MONOTONIC
 * around fork..wait4, and the child's own rusage, with no shell and no Node process inside the timing.
 */
import { spawn } from 'node:child_process';
import { type Readable } from 'node:stream';

/** The JSON line tb-exec writes to its result descriptor. */
export interface TbExecResult {
  wallNs: number;
  userUs: number;
  sysUs: number;
  maxRssKiB: number;
  /** null when the command was killed by a signal. 127 when it could not be executed (see execError). */
  exitCode: number | null;
  /** The terminating signal's name, as Node reports it ('SIGKILL'), or null when the command exited. */
  signal: string | null;
  /** "<ERRNO>: <message>" when execvp failed (e.g. "ENOENT: No such file or directory"), else null. */
  execError: string | null;
}

export interface TbExecOptions {
  /** Send the command's stdout / stderr to /dev/null instead of capturing them. */
  nullStdout?: boolean;
  nullStderr?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Stop the command after this long and reject: SIGTERM (tb-exec passes it on), SIGKILL after a grace period. */
  timeoutMs?: number;
}

export interface TbExecRun {
  result: TbExecResult;
  /** The command's output, at most the last CAPTURE_LIMIT characters of each. */
  stdout: string;
  stderr: string;
}

const RESULT_FD = 3;
const CAPTURE_LIMIT = 64 * 1024;
// How long a command may take to exit after SIGTERM before tb-exec is SIGKILLed (the command then gets SIGKILL
// from the kernel, see PR_SET_PDEATHSIG in tb-exec.c).
const KILL_GRACE_MS = 1000;

/** Parses tb-exec's result line; throws if it is not exactly the documented shape. */
export function parseTbExecResult(line: string): TbExecResult {
  const value = JSON.parse(line) as Record<string, unknown>;
  const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const ok =
    typeof value === 'object' &&
    value !== null &&
    ['wallNs', 'userUs', 'sysUs', 'maxRssKiB'].every((key) => isNumber(value[key])) &&
    (value.exitCode === null || isNumber(value.exitCode)) &&
    (value.signal === null || typeof value.signal === 'string') &&
    (value.execError === null || typeof value.execError === 'string');
  if (!ok) throw new Error(`tb-exec: unexpected result line: ${line}`);
  return value as unknown as TbExecResult;
}

function capture(stream: Readable | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-CAPTURE_LIMIT);
  });
  return () => text;
}

/** Times `command args…` once with the tb-exec binary at `tbExec` (see tbExecPath()). */
export function runTbExec(
  tbExec: string,
  command: string,
  args: string[],
  options: TbExecOptions = {},
): Promise<TbExecRun> {
  const flags = ['--stdin-null'];
  if (options.nullStdout) flags.push('--stdout-null');
  if (options.nullStderr) flags.push('--stderr-null');
  const child = spawn(tbExec, [...flags, '--result-fd', String(RESULT_FD), '--', command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  const result = capture(child.stdio[RESULT_FD] as Readable);
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  if (options.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        timers.push(setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS));
      }, options.timeoutMs),
    );
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      if (!timedOut) return;
      // A process outside the group may still hold the pipes open: do not wait for them.
      for (const timer of timers) clearTimeout(timer);
      for (const stream of child.stdio) stream?.destroy();
      reject(new Error(`"${command}" did not finish within ${options.timeoutMs} ms and was stopped`));
    });
    child.on('close', (code) => {
      for (const timer of timers) clearTimeout(timer);
      if (timedOut) return;
      const line = result().trim();
      if (line === '') {
        reject(new Error(`tb-exec wrote no result (exit code ${code}): ${stderr().trim()}`));
        return;
      }
      try {
        resolve({ result: parseTbExecResult(line), stdout: stdout(), stderr: stderr() });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
