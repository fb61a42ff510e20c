import { errorMessage } from '../../util/timebox';
import { processTreeCpuUs } from '../../hardware/cpu-time/process-tree';
import { isGroup, type PreparedBenchmark } from './benchmark';
import { closeParentChannel, onceFromParent, sendToParent } from './channel';
import { measureInterleaved } from './measure-loop';
import type { RawResult, RunRequest, WorkerMessage } from './protocol';
import { benchmarkFactories } from './registry';

// Entry of out/main/bench-worker.js: one process per benchmark, so a crash, a leak or a JIT
// state of one benchmark never reaches the next, and the main process's event loop stays free.

const send = (message: WorkerMessage): Promise<void> => sendToParent(message);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function run(request: RunRequest): Promise<void> {
  const factory = benchmarkFactories[request.spec.kind];
  if (!factory) throw new Error(`unknown benchmark kind "${request.spec.kind}"`);
  await send({ type: 'progress', phase: 'setup', samples: 0, relativeHalfWidth: null });
  const prepared = await factory(request.spec.params);
  const members: Array<{ id: string; title: string; benchmark: PreparedBenchmark }> = isGroup(prepared)
    ? prepared.members
    : [{ id: request.spec.id, title: request.spec.title, benchmark: prepared }];
  try {
    const outcomes = await measureInterleaved(
      members.map((member) => member.benchmark),
      request.plan,
      (phase, samples, relativeHalfWidth) => void send({ type: 'progress', phase, samples, relativeHalfWidth }),
    );
    const values: RawResult[] = [];
    for (const [index, member] of members.entries()) {
      const { benchmark } = member;
      const outcome = outcomes[index]!;
      const problem = (await benchmark.verify?.()) ?? null;
      if (problem) throw new Error(`${member.title}: result check failed: ${problem}`);
      const common = { params: request.spec.params, plan: request.plan, stopReason: outcome.stopReason };
      values.push({
        ...common,
        id: member.id,
        title: member.title,
        unit: benchmark.unit,
        direction: benchmark.direction,
        samples: outcome.samples,
        warnings: [...outcome.warnings, ...(benchmark.warnings?.() ?? [])],
        extras: benchmark.extras?.(median(outcome.samples)) ?? {},
      });
      for (const metric of benchmark.secondary?.() ?? []) {
        values.push({
          ...common,
          id: `${member.id}${metric.idSuffix}`,
          title: `${member.title} ${metric.title}`,
          unit: metric.unit,
          direction: metric.direction,
          // Warm-up iterations were recorded too: keep the ones aligned with the primary samples.
          samples: metric.samples.slice(-outcome.samples.length),
          warnings: [],
          extras: {},
        });
      }
    }
    // The CPU of the worker since it started (boot, module loading, setup) and of everything it ran (spawn helper,
    // warm-up and timed commands): the noise check compares it with the machine's load over the same wall time,
    // from spawn to result, and all of it is ours. Without /proc only the worker's own is known.
    const tree = processTreeCpuUs();
    const own = process.cpuUsage();
    await send({
      type: 'result',
      values,
      cpuTimeUs: tree ?? own.user + own.system,
      cpuTimeIncludesChildren: tree !== null,
    });
  } finally {
    for (const member of members) member.benchmark.dispose?.();
  }
}

onceFromParent((message) => {
  run(message as RunRequest)
    .catch(async (error: unknown) => {
      await send({ type: 'error', message: errorMessage(error) });
      process.exitCode = 1;
    })
    .finally(() => closeParentChannel());
});
