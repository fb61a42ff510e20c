import { spawn } from 'node:child_process';

export interface ToolResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class ToolNotFoundError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} not found on PATH`);
    this.name = 'ToolNotFoundError';
  }
}

export class ToolTimeoutError extends Error {
  constructor(
    readonly tool: string,
    readonly ms: number,
  ) {
    super(`${tool} did not finish within ${ms} ms and was stopped`);
    this.name = 'ToolTimeoutError';
  }
}

export interface RunToolOptions {
  timeoutMs: number;
  /** Output beyond this is dropped (a tool gone wild must not fill memory). */
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs an external tool without a shell, captures its output, and kills it when it overruns.
 * Every external tool (nvidia-smi, git, …) goes through here so timeouts and "not found"
 * look the same everywhere.
 */
export function runTool(tool: string, args: string[], options: RunToolOptions): Promise<ToolResult> {
  const maxBytes = options.maxOutputBytes ?? 8 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < maxBytes) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < maxBytes) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new ToolNotFoundError(tool) : error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new ToolTimeoutError(tool, options.timeoutMs));
        return;
      }
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
