import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface StepResult {
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr together, for the detail view. */
  output: string;
}

const OUTPUT_TAIL = 4000;
const KILL_GRACE_MS = 2000;
/** How long the output may stay open after the command exited, before leftovers are stopped. */
const STDIO_GRACE_MS = 1000;

/**
 * Runs one of the project's commands (build, test) in a workspace, in its own process group so
 * that a hanging build or test is stopped with all its children (SIGTERM, then SIGKILL) when it
 * overruns or the verification is cancelled. Plain child_process: the group kill is the part
 * a wrapper library would not make simpler.
 */
export function runStep(
  dir: string,
  cwd: string,
  command: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd: join(dir, cwd),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Each side builds into its own Cargo target folder, whatever the user's shell sets.
      env: { ...process.env, CARGO_TARGET_DIR: join(dir, cwd, 'target'), CARGO_TERM_COLOR: 'never', FORCE_COLOR: '0' },
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, KILL_GRACE_MS).unref();
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    let settled = false;
    const finish = (exitCode: number | null, note = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      if (options.signal?.aborted) {
        reject(new Error('cancelled'));
        return;
      }
      resolve({ ok: exitCode === 0 && !timedOut, exitCode, timedOut, output: `${output.trim()}${note}` });
    };
    // 'close' waits for the pipes, which a background process the command left (`server &`)
    // holds open: the step would hang to its timeout. Once the command itself exited, its
    // leftovers get a moment, then are stopped with the group, and the step ends on its exit code.
    child.on('exit', (exitCode) => {
      setTimeout(() => {
        if (settled) return;
        stop();
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, '\n[tunebench: the command exited but left processes holding its output; they were stopped]');
      }, STDIO_GRACE_MS).unref();
    });
    child.on('close', (exitCode) => finish(exitCode));
  });
}
