/**
 * One interface for worker processes, so the engine never knows whether it runs under Electron
 * (utilityProcess) or plain Node (child_process.fork). Benchmarks always run in a worker,
 * never on the main process's event loop.
 */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, with the exit code (null when killed by a signal). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export interface WorkerLauncher {
  readonly kind: 'node' | 'electron-utility';
  launch(modulePath: string, args: string[], options?: { env?: NodeJS.ProcessEnv; name?: string }): WorkerHandle;
}

export interface WorkerResult<T> {
  result: T;
  exitCode: number | null;
}

export class WorkerFailedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly signal: string | null,
  ) {
    super(message);
    this.name = 'WorkerFailedError';
  }
}

/**
 * Runs a worker that answers with one `{ type: 'result', value }` or `{ type: 'error', message }`
 * message and exits. A crash, a kill or an exit without an answer rejects with the reason.
 */
export function runWorkerOnce<T>(
  launcher: WorkerLauncher,
  modulePath: string,
  request: unknown,
  options: { timeoutMs: number; name?: string },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = launcher.launch(modulePath, [], { name: options.name });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      worker.kill();
      settle(() =>
        reject(new WorkerFailedError(`worker ${modulePath} timed out after ${options.timeoutMs} ms`, null, null)),
      );
    }, options.timeoutMs);
    worker.onMessage((message) => {
      const msg = message as { type?: string; value?: unknown; message?: string };
      if (msg.type === 'result') settle(() => resolve(msg.value as T));
      else if (msg.type === 'error')
        settle(() => reject(new WorkerFailedError(msg.message ?? 'worker failed', null, null)));
    });
    worker.onExit((code, signal) => {
      settle(() =>
        reject(
          new WorkerFailedError(
            `worker ${modulePath} exited (${signal ? `signal ${signal}` : `code ${code}`}) before answering`,
            code,
            signal,
          ),
        ),
      );
    });
    worker.send(request);
  });
}
