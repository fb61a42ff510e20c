import { errorMessage } from '../../util/timebox';
import { measureLoop } from './measure-loop';
import type { RunRequest, WorkerMessage } from './protocol';
import { benchmarkFactories } from './registry';

// Entry of out/main/bench-worker.js: one process per benchmark, so a crash, a leak or a JIT
// state of one benchmark never reaches the next, and the main process's event loop stays free.

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function run(request: RunRequest): Promise<void> {
  const factory = benchmarkFactories[request.spec.kind];
  if (!factory) throw new Error(`unknown benchmark kind "${request.spec.kind}"`);
  await send({ type: 'progress', phase: 'setup', samples: 0, relativeHalfWidth: null });
  const benchmark = await factory(request.spec.params);
  const cpuStart = process.cpuUsage();
  try {
    const outcome = await measureLoop(benchmark, request.plan, (phase, samples, relativeHalfWidth) => {
      void send({ type: 'progress', phase, samples, relativeHalfWidth });
    });
    const problem = benchmark.verify?.() ?? null;
    if (problem) throw new Error(`result check failed: ${problem}`);
    const cpu = process.cpuUsage(cpuStart);
    const sorted = [...outcome.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    await send({
      type: 'result',
      value: {
        id: request.spec.id,
        title: request.spec.title,
        params: request.spec.params,
        unit: benchmark.unit,
        direction: benchmark.direction,
        samples: outcome.samples,
        plan: request.plan,
        stopReason: outcome.stopReason,
        warnings: outcome.warnings,
        extras: benchmark.extras?.(median) ?? {},
        cpuTimeUs: cpu.user + cpu.system,
      },
    });
  } finally {
    benchmark.dispose?.();
  }
}

// Orphaned (the app died or cancelled): stop at once instead of measuring for nobody.
process.once('disconnect', () => process.exit(0));

process.once('message', (message: RunRequest) => {
  run(message)
    .catch(async (error: unknown) => {
      await send({ type: 'error', message: errorMessage(error) });
      process.exitCode = 1;
    })
    .finally(() => {
      process.removeAllListeners('disconnect');
      process.disconnect?.();
    });
});
