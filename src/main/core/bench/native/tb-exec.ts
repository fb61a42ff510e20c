/**
 * Runs one command under native/cpu's tb-exec and returns its measurement: wall time on CLOCK_MONOTONIC
 * around fork..wait4, and the child's own rusage, with no shell and no Node process inside the timing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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

export interface TbExecServerRunOptions {
  /** Send the command's stdout / stderr to /dev/null instead of capturing them. */
  nullStdout?: boolean;
  nullStderr?: boolean;
  /** tb-exec stops the command's process group after this long (SIGTERM, then SIGKILL each second) and the run rejects. */
  timeoutMs?: number;
}

interface PendingRun {
  command: string;
  timeoutMs: number | undefined;
  stdout: string;
  stderr: string;
  backstop: NodeJS.Timeout | null;
  resolve: (run: TbExecRun) => void;
  reject: (error: Error) => void;
}

// If tb-exec has not answered this long after a timed-out command's SIGKILL, it is hung itself and is killed.
const SERVER_BACKSTOP_MS = 5000;

/**
 * One long-lived `tb-exec --serve` process that times command after command, so a benchmark pays for starting
 * tb-exec once instead of once per run (Node's spawn costs milliseconds; the timing inside tb-exec is the same).
 *
 * Runs are serialized. The command writes into the server's stdout/stderr pipes; a run's output is what arrived
 * between its request and its result (the result is delivered only after the I/O that was ready with it has been
 * read). Output written after its command exited by processes the command left behind is dropped or, if a run is
 * in flight, attributed to that run.
 */
export class TbExecServer {
  private readonly child: ChildProcess;
  private current: PendingRun | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private results = '';
  private serverStderr = '';
  private failure: Error | null = null;
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  private constructor(tbExec: string, options: { cwd?: string; env?: NodeJS.ProcessEnv }) {
    this.child = spawn(tbExec, ['--serve', '--result-fd', String(RESULT_FD)], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    this.exitedPromise = new Promise((resolve) => {
      const done = (why: string) => {
        if (this.exited) return;
        this.exited = true;
        // Let output that arrived with the exit be read first: its stderr says why.
        setImmediate(() => {
          const tail = this.serverStderr.trim().split('\n').slice(-3).join(' | ');
          this.fail(new Error(`the command timer tb-exec ${why}${tail ? `: ${tail}` : ''}`));
          // Processes left behind by a command may hold the output pipes open: do not wait for them.
          for (const stream of this.child.stdio) stream?.destroy();
          resolve();
        });
      };
      this.child.on('error', (error) => done(`could not be started (${error.message})`));
      this.child.on('exit', (code, signal) => done(`exited unexpectedly (${signal ?? `exit code ${code}`})`));
    });
    // Writing to a dead server fails with EPIPE; the exit handler reports that.
    this.child.stdin?.on('error', () => undefined);
    const onOutput = (stream: Readable | null, which: 'stdout' | 'stderr') => {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        if (which === 'stderr') this.serverStderr = (this.serverStderr + chunk).slice(-CAPTURE_LIMIT);
        if (this.current) this.current[which] = (this.current[which] + chunk).slice(-CAPTURE_LIMIT);
      });
    };
    onOutput(this.child.stdout, 'stdout');
    onOutput(this.child.stderr, 'stderr');
    const results = this.child.stdio[RESULT_FD] as Readable;
    results.setEncoding('utf8');
    results.on('data', (chunk: string) => {
      this.results += chunk;
      let newline: number;
      while ((newline = this.results.indexOf('\n')) >= 0) {
        const line = this.results.slice(0, newline);
        this.results = this.results.slice(newline + 1);
        this.onResult(line);
      }
    });
  }

  /** Starts `tb-exec --serve` (see tbExecPath()); cwd and env apply to every command it runs. */
  static start(tbExec: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): TbExecServer {
    return new TbExecServer(tbExec, options);
  }

  /** Times `argv` once, after any runs already queued; resolves like runTbExec. */
  run(argv: readonly string[], options: TbExecServerRunOptions = {}): Promise<TbExecRun> {
    const next = this.queue.then(() => this.runNow(argv, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the server (EOF on its stdin) and resolves once it has exited; idempotent. */
  close(): Promise<void> {
    if (!this.exited && this.failure === null) {
      this.failure = new Error('the command timer tb-exec was closed');
      this.child.stdin?.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), KILL_GRACE_MS + SERVER_BACKSTOP_MS);
      void this.exitedPromise.then(() => clearTimeout(timer));
    }
    return this.exitedPromise;
  }

  private runNow(argv: readonly string[], options: TbExecServerRunOptions): Promise<TbExecRun> {
    if (this.failure) return Promise.reject(this.failure);
    if (argv.length === 0) return Promise.reject(new Error('tb-exec: empty argv'));
    const timeoutMs = options.timeoutMs === undefined ? undefined : Math.max(1, Math.ceil(options.timeoutMs));
    let header = String(argv.length);
    if (options.nullStdout) header += ' o';
    if (options.nullStderr) header += ' e';
    if (timeoutMs !== undefined) header += ` t${timeoutMs}`;
    const request = Buffer.concat([
      Buffer.from(`${header}\n`),
      ...argv.map((arg) => {
        if (arg.includes('\0')) throw new Error(`tb-exec: an argument contains a NUL character: ${arg}`);
        return Buffer.from(`${arg}\0`);
      }),
    ]);
    return new Promise<TbExecRun>((resolve, reject) => {
      const pending: PendingRun = {
        command: argv[0]!,
        timeoutMs,
        stdout: '',
        stderr: '',
        backstop: null,
        resolve,
        reject,
      };
      if (timeoutMs !== undefined) {
        // tb-exec enforces the timeout itself; this only catches a tb-exec that no longer answers.
        pending.backstop = setTimeout(
          () => {
            this.fail(new Error('the command timer tb-exec stopped answering and was killed'), timeoutError(pending));
            this.child.kill('SIGKILL');
          },
          timeoutMs + KILL_GRACE_MS + SERVER_BACKSTOP_MS,
        );
      }
      this.current = pending;
      this.child.stdin?.write(request);
    });
  }

  private onResult(line: string): void {
    const pending = this.current;
    if (!pending) return;
    let result: TbExecResult & { timedOut?: unknown };
    try {
      result = parseTbExecResult(line);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      this.child.kill('SIGKILL');
      return;
    }
    // The command's last output was in its pipes before tb-exec wrote the result; the I/O callbacks of the same
    // event-loop turn deliver it, so settle after them.
    setImmediate(() => {
      if (this.current !== pending) return;
      this.current = null;
      if (pending.backstop) clearTimeout(pending.backstop);
      if (result.timedOut === true) {
        pending.reject(timeoutError(pending));
        return;
      }
      const measured: TbExecResult = { ...result };
      delete (measured as { timedOut?: unknown }).timedOut;
      pending.resolve({ result: measured, stdout: pending.stdout, stderr: pending.stderr });
    });
  }

  /** Marks the server unusable: later runs reject with `error`, the run in flight with `forPending` (or `error`). */
  private fail(error: Error, forPending: Error = error): void {
    this.failure ??= error;
    const pending = this.current;
    if (!pending) return;
    this.current = null;
    if (pending.backstop) clearTimeout(pending.backstop);
    pending.reject(forPending);
  }
}

function timeoutError(pending: PendingRun): Error {
  return new Error(`"${pending.command}" did not finish within ${pending.timeoutMs} ms and was stopped`);
}
