import type { BenchmarkResult, SamplingPlan } from '../../../shared/schemas/bench';
import type { WorkerLauncher } from '../jobs/worker-launcher';
import { summarize } from './stats/summary';
import type { BenchmarkSpec, RunRequest, WorkerMessage } from './worker/protocol';

export class BenchmarkFailedError extends Error {
  constructor(
    readonly benchmarkId: string,
    readonly reason: string,
  ) {
    super(`${benchmarkId}: ${reason}`);
    this.name = 'BenchmarkFailedError';
  }
}

export class BenchmarkCancelledError extends Error {
  constructor(readonly benchmarkId: string) {
    super(`${benchmarkId}: cancelled`);
    this.name = 'BenchmarkCancelledError';
  }
}

export interface RunOptions {
  launcher: WorkerLauncher;
  workerPath: string;
  onProgress?: (message: Extract<WorkerMessage, { type: 'progress' }>) => void;
  signal?: AbortSignal;
  /** Set-up, warm-up and verification on top of the sampling budget before the worker is killed. */
  graceMs?: number;
}

export interface MeasuredResults {
  /** The primary result first, then secondary metrics and interleaved members. */
  results: BenchmarkResult[];
  /** CPU time the worker used while sampling (for the noise check: load from other processes). */
  cpuTimeUs: number;
  /** Whether cpuTimeUs counts the processes the worker ran (the timed commands included). */
  cpuTimeIncludesChildren: boolean;
  startedAt: number;
  finishedAt: number;
}

/**
 * Runs one benchmark in its own worker process and returns its result with statistics computed
 * here from the raw samples. A crash (even a native fault), a hang past the budget, or a
 * cancellation rejects with the reason; the main process carries on.
 */
export function runBenchmark(spec: BenchmarkSpec, plan: SamplingPlan, options: RunOptions): Promise<MeasuredResults> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new BenchmarkCancelledError(spec.id));
      return;
    }
    const startedAt = Date.now();
    const worker = options.launcher.launch(options.workerPath, [], { name: `tunebench-${spec.id}` });
    let settled = false;
    let lastPhase = 'starting';
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      worker.kill();
      action();
    };
    const hardLimitMs = plan.budgetMs + (options.graceMs ?? 60_000);
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new BenchmarkFailedError(
            spec.id,
            `no result ${hardLimitMs} ms after start (during ${lastPhase}); the worker was killed`,
          ),
        ),
      );
    }, hardLimitMs);
    const onAbort = () => finish(() => reject(new BenchmarkCancelledError(spec.id)));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.onMessage((raw) => {
      const message = raw as WorkerMessage;
      if (message.type === 'progress') {
        lastPhase = message.phase;
        options.onProgress?.(message);
      } else if (message.type === 'error') {
        finish(() => reject(new BenchmarkFailedError(spec.id, message.message)));
      } else if (message.type === 'result') {
        const results = message.values.map((value) => ({ ...value, summary: summarize(value.samples) }));
        finish(() =>
          resolve({
            results,
            cpuTimeUs: message.cpuTimeUs,
            cpuTimeIncludesChildren: message.cpuTimeIncludesChildren ?? false,
            startedAt,
            finishedAt: Date.now(),
          }),
        );
      }
    });
    worker.onExit((code, signal) => {
      // The result message can arrive just after 'exit'; give it a moment before calling it a crash.
      setTimeout(
        () =>
          finish(() =>
            reject(
              new BenchmarkFailedError(
                spec.id,
                `the worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`} during ${lastPhase} (a crash in the benchmark; the app is unaffected)`,
              ),
            ),
          ),
        100,
      );
    });
    const request: RunRequest = { type: 'run', spec, plan };
    worker.send(request);
  });
}
