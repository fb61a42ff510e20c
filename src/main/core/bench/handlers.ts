import type { ApiHandlers } from '../../../shared/contract';
import { DEFAULT_ROUNDS, type BenchmarkResult } from '../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { EngineEvents } from '../events';
import type { TelemetrySampler } from '../hardware/telemetry/sampler';
import type { JobQueue } from '../jobs/queue';
import type { WorkerLauncher } from '../jobs/worker-launcher';
import type { RunRepository } from '../store/runs';
import { inferenceSpecs } from '../inference/suite';
import { commandSpecs } from './command-suite';
import { compareRuns } from './compare-runs';
import { historyFloorLookup } from './separate/history-floor';
import { nativeKernelsStatus } from './native-status';
import { planFor } from './sampling';
import { runSuite, type SuiteRequest } from './suite-runner';
import { cpuSuite, PRESETS, type Preset } from './suites/cpu-suite';
import { builtWorkerPath } from './worker-path';

export interface BenchDeps {
  queue: JobQueue;
  events: EngineEvents;
  runs: RunRepository | null;
  launcher: WorkerLauncher;
  profile: () => Promise<HardwareProfile>;
  sampler: () => Promise<TelemetrySampler>;
  storeError: string | null;
  dataDir: string;
}

const PRESET_TEXT: Record<Preset, { title: string; description: string }> = {
  quick: {
    title: 'Quick',
    description: 'About a minute: GEMM 512³ at 1 and all threads, triad, a short latency curve, JS work.',
  },
  standard: {
    title: 'Standard',
    description: 'GEMM 1024³ with thread scaling, triad, latency from 4 KiB to 256 MiB, JS work.',
  },
  full: { title: 'Full', description: 'Everything at full size, latency up to 512 MiB in steps of 2×.' },
};

type BenchHandlers = Pick<
  ApiHandlers,
  | 'bench.presets'
  | 'bench.start'
  | 'bench.startCommand'
  | 'bench.startInference'
  | 'bench.cancel'
  | 'bench.jobs'
  | 'bench.runs'
  | 'bench.run'
  | 'bench.compare'
  | 'bench.saveBaseline'
  | 'bench.tuneInference'
  | 'bench.tuning'
>;

/**
 * Queues a suite as a job: one worker per benchmark, results streamed as events and stored; the
 * job's result is the stored run id. `afterRun` may add what is only known at the end.
 */
function submitSuite(
  deps: BenchDeps,
  title: string,
  request: Omit<SuiteRequest, 'jobId'>,
  afterRun?: (runId: number) => void,
): string {
  const workerPath = builtWorkerPath('bench-worker');
  return deps.queue.submit(title, async ({ jobId, signal, progress }) => {
    const sampler = await deps.sampler();
    const run = await runSuite(
      { ...request, jobId },
      {
        launcher: deps.launcher,
        workerPath,
        runs: deps.runs,
        sampler,
        signal,
        onProgress: progress,
        onResult: (result: BenchmarkResult) => deps.events.emit('bench.result', { jobId, result }),
      },
    );
    if (run.id > 0) afterRun?.(run.id);
    return run.id > 0 ? run.id : null;
  });
}

export function benchHandlers(deps: BenchDeps): BenchHandlers {
  const requireRuns = (): RunRepository => {
    if (!deps.runs) throw new Error(`the local database is unavailable: ${deps.storeError}`);
    return deps.runs;
  };
  const getRun = (id: number) => {
    const run = requireRuns().get(id);
    if (!run) throw new Error(`no run with id ${id}`);
    return run;
  };
  return {
    'bench.presets': async () => {
      const profile = await deps.profile();
      const native = nativeKernelsStatus();
      return {
        presets: PRESETS.map((id) => ({
          id,
          ...PRESET_TEXT[id],
          benchmarks: cpuSuite(id, profile.cpu, native.available).length,
        })),
        native,
      };
    },
    'bench.start': async ({ preset, level, only, rounds = DEFAULT_ROUNDS[level] }) => {
      const profile = await deps.profile();
      const native = nativeKernelsStatus();
      const all = cpuSuite(preset, profile.cpu, native.available);
      const specs = only ? all.filter((spec) => only.some((prefix) => spec.id.startsWith(prefix))) : all;
      if (specs.length === 0) {
        throw new RangeError(
          `no benchmark id starts with ${only!.join(', ')}; ids: ${all.map((s) => s.id).join(', ')}`,
        );
      }
      const jobId = submitSuite(deps, `CPU suite (${preset}, ${level})`, {
        kind: 'cpu',
        name: `CPU ${preset}`,
        preset,
        level,
        options: { native: native.available, nativeReason: native.reason, only: only ?? null, rounds },
        specs,
        plan: planFor(level),
        rounds,
        fingerprint: profile.fingerprint,
        // Quick means about a minute; larger presets get room for every benchmark's own budget.
        suiteBudgetMs: preset === 'quick' ? 90_000 : undefined,
      });
      return { jobId };
    },
    'bench.startCommand': async (input) => {
      if (input.maxRuns < input.minRuns) throw new RangeError('maxRuns must be at least minRuns');
      const profile = await deps.profile();
      const specs = commandSpecs({ ...input, shell: input.shell });
      const plan = planFor(input.level, {
        warmupRuns: input.warmupRuns,
        minSamples: input.minRuns,
        maxSamples: input.maxRuns,
        ...(input.budgetMs ? { budgetMs: input.budgetMs } : {}),
      });
      const name = input.commands.length > 1 ? input.commands.join(' vs ') : input.commands[0]!;
      const rounds = input.rounds ?? DEFAULT_ROUNDS[input.level];
      const jobId = submitSuite(deps, `Command: ${name}`, {
        kind: 'command',
        name,
        preset: 'command',
        level: input.level,
        options: { ...input, rounds },
        specs,
        plan,
        rounds,
        fingerprint: profile.fingerprint,
      });
      return { jobId };
    },
    'bench.tuneInference': async (input) => {
      const profile = await deps.profile();
      // Loaded on demand like the model builder: tuning is rare, start-up is not.
      const { prepareTuning, runTuningJob } = await import('../inference/autotune/job');
      const prepared = await prepareTuning(
        {
          model: input.model,
          objectives: input.objective === 'both' ? ['latency', 'throughput'] : [input.objective],
          budgetSeconds: input.budgetSeconds,
          devices: input.devices,
          precisions: input.precisions,
        },
        profile,
        deps.dataDir,
      );
      const workerPath = builtWorkerPath('bench-worker');
      // A job like a suite (one at a time, cancellable, progress events, each measurement as a
      // bench.result event); the result file is read back with bench.tuning.
      const jobId = deps.queue.submit(`Tune inference: ${input.model}`, async ({ jobId, signal, progress }) => {
        await runTuningJob(prepared, {
          launcher: deps.launcher,
          workerPath,
          dataDir: deps.dataDir,
          jobId,
          signal,
          onProgress: progress,
          onResult: (result) => deps.events.emit('bench.result', { jobId, result }),
        });
        return null;
      });
      return { jobId, skipped: prepared.skipped };
    },
    'bench.tuning': async ({ jobId }) => {
      const { readTuneResult } = await import('../inference/autotune/job');
      return readTuneResult(deps.dataDir, jobId);
    },
    'bench.startInference': async (input) => {
      const profile = await deps.profile();
      // The model builder (onnx-proto) is loaded only when inference is asked for, not at every start-up.
      const { resolveModels } = await import('../inference/resolve-models');
      const models = await resolveModels(input.models, input.precisions, deps.dataDir);
      const { specs, skipped } = inferenceSpecs(models, input.devices, input.batches, profile, {
        threads: input.threads,
        parallel: input.parallel,
        dims: input.dims,
        openvino: input.openvino,
        memoryArena: input.memoryArena,
      });
      if (specs.length === 0) throw new Error(`nothing to run: ${skipped.join('; ') || 'no model'}`);
      const rounds = input.rounds ?? DEFAULT_ROUNDS[input.level];
      const jobId = submitSuite(
        deps,
        `Inference: ${input.models.join(', ')}`,
        {
          kind: 'inference',
          name: `Inference ${input.models.join(', ')}`,
          preset: 'inference',
          level: input.level,
          options: { ...input, skipped, rounds },
          specs,
          rounds,
          // Latency distributions need more than the minimum: p90/p99 are read from these samples.
          plan: planFor(input.level, {
            minSamples: 30,
            maxSamples: 2000,
            budgetMs: input.level === 'basic' ? 5000 : 15_000,
          }),
          fingerprint: profile.fingerprint,
        },
        (runId) => {
          for (const note of skipped) deps.runs?.addWarning(runId, `not run: ${note}`);
        },
      );
      return { jobId, skipped };
    },
    'bench.cancel': async ({ jobId }) => ({ cancelled: deps.queue.cancel(jobId) }),
    'bench.jobs': async () => deps.queue.list(),
    'bench.runs': async ({ limit }) => requireRuns().list(limit),
    'bench.run': async ({ id }) => getRun(id),
    'bench.compare': async ({ baseRunId, headRunId, noiseThreshold, force }) => {
      const base = getRun(baseRunId);
      const head = getRun(headRunId);
      return compareRuns(base, head, { floors: historyFloorLookup(requireRuns(), base, head), noiseThreshold, force });
    },
    'bench.saveBaseline': async ({ name, runId }) => {
      requireRuns().saveBaseline(name, runId);
      return { name, runId };
    },
  };
}
