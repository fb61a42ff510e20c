import { readFile } from 'node:fs/promises';
import { loadWithOnnxRuntime } from '../../inference/backends/onnxruntime';
import { captureProfileTrace } from '../../inference/backends/onnxruntime-profile';
import { openParallelSessions, type ParallelSessions } from '../../inference/backends/parallel-sessions';
import { describePlan, feedsFor, planInputs, type FeedOptions } from '../../inference/inputs';
import { placementFromTrace, placementVerdict } from '../../inference/placement';
import { DEFAULT_SESSION, type LoadedModel, type SessionSettings } from '../../inference/types';
import type { BenchmarkFactory } from '../worker/benchmark';
import {
  checkAgainstReference,
  feedOptionsFrom,
  fixedBatchMismatch,
  MemoryReadings,
  nonFiniteWarning,
  outputStats,
  sharedResultExtras,
  str,
} from './inference-shared';

function settingsFrom(params: Record<string, unknown>): SessionSettings {
  return {
    device: str(params, 'device', DEFAULT_SESSION.device) as SessionSettings['device'],
    intraOpThreads: Number(params.intraOpThreads ?? DEFAULT_SESSION.intraOpThreads),
    interOpThreads: Number(params.interOpThreads ?? DEFAULT_SESSION.interOpThreads),
    graphOptimization: str(
      params,
      'graphOptimization',
      DEFAULT_SESSION.graphOptimization,
    ) as SessionSettings['graphOptimization'],
    executionMode: str(params, 'executionMode', DEFAULT_SESSION.executionMode) as SessionSettings['executionMode'],
    // Older specs carry no memoryArena: onnxruntime's default (on), as they ran.
    memoryArena: params.memoryArena !== false,
  };
}

/**
 * Inference latency with onnxruntime, benchmark_app-style: load/compile time and the first
 * inference are timed apart and kept out of the statistics; then one sample per `session.run` at
 * the pinned batch size. Outputs are checked against the CPU FP32 reference on the same inputs.
 *
 * With `parallel` N > 1 a sample is the wall time of N requests sent at once to N worker threads
 * (one session each, same settings), so throughput counts N × batch items per sample. With
 * `placement` (the default) a separate profiling session reports which provider ran each node.
 */
export const inferenceLatency: BenchmarkFactory = async (params) => {
  const modelPath = str(params, 'modelPath');
  const settings = settingsFrom(params);
  const batch = Number(params.batch ?? 1);
  const parallel = Number(params.parallel ?? 1);
  if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`parallel must be a positive integer`);
  // Before anything is loaded: the baseline that the inference's peak is read against.
  const memory = new MemoryReadings();
  const bytes = new Uint8Array(await readFile(modelPath));
  const loadStart = performance.now();
  let model: LoadedModel;
  try {
    model = await loadWithOnnxRuntime(bytes, settings);
  } catch (error) {
    // onnxruntime's message does not say which file; a user with ten models needs to know.
    throw new Error(`${modelPath}: onnxruntime could not load it (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
  const loadMs = performance.now() - loadStart;
  const feedOptions: FeedOptions = feedOptionsFrom(params, modelPath);
  let plan: ReturnType<typeof planInputs>;
  try {
    plan = planInputs(model.inputs, batch, feedOptions);
  } catch (error) {
    await model.dispose();
    throw error;
  }
  const feeds = feedsFor(plan);
  const batchMismatch = fixedBatchMismatch(model.inputs, batch, feedOptions);
  if (batchMismatch) {
    await model.dispose();
    throw new RangeError(batchMismatch);
  }
  const firstStart = performance.now();
  let firstOutputs: Record<string, Float32Array>;
  try {
    firstOutputs = await model.run(feeds);
  } catch (error) {
    await model.dispose();
    // Generated inputs a model rejects: say what was fed, which is what the user can change.
    throw new Error(
      `${modelPath}: onnxruntime could not run it on the generated inputs (${describePlan(plan)}): ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  const firstMs = performance.now() - firstStart;
  const output = outputStats(firstOutputs);

  let threads: ParallelSessions | null = null;
  if (parallel > 1) {
    // The main thread's session stays loaded for the agreement check only; the threads do the timed work.
    threads = await openParallelSessions(modelPath, settings, feeds, parallel);
  }
  // Everything the timed loop uses is loaded and has run: the inference's own peak, read before
  // the reference check and the profiling session load models of their own.
  memory.markInferenceLoaded();

  const reference = await checkAgainstReference(params, batch, feedOptions, firstOutputs);

  let placement: Record<string, string> = {};
  let placementWarning: string | null = null;
  if (params.placement !== false) {
    try {
      const verdict = placementVerdict(
        placementFromTrace(await captureProfileTrace(bytes, settings, feeds)),
        settings.device,
      );
      placement = { 'node placement': verdict.message };
      if (verdict.fellBack) placementWarning = `${settings.device}: ${verdict.message}`;
    } catch (error) {
      // Placement is a check on top of the measurement: without a trace the numbers still stand.
      placement = { 'node placement': `unknown: ${(error as Error).message.split('\n')[0]}` };
    }
  }

  const items = batch * parallel;
  const flops = Number(params.flopsPerSample ?? 0);
  const warnings = [reference.warning, placementWarning, nonFiniteWarning(output)].filter(
    (w): w is string => w !== null,
  );
  return {
    unit: 'ms',
    direction: 'lower-is-better',
    measure: async () => {
      const start = performance.now();
      if (threads) await threads.runAll();
      else await model.run(feeds);
      return performance.now() - start;
    },
    extras: (median) => ({
      'load ms': Number(loadMs.toFixed(1)),
      'first inference ms': Number(firstMs.toFixed(2)),
      ...(parallel > 1
        ? {
            'concurrent requests': parallel,
            'sample is': `wall time of ${parallel} requests in flight at once (${parallel} worker threads, one session each)`,
          }
        : {}),
      ...sharedResultExtras({ median, items, flopsPerItem: flops, plan, output, reference }),
      ...placement,
      ...memory.extras(),
      settings: `${settings.device}, intra ${settings.intraOpThreads || 'default'}, inter ${settings.interOpThreads || 'default'}, opt ${settings.graphOptimization}, ${settings.executionMode}${settings.memoryArena ? '' : ', no memory arena'}${parallel > 1 ? `, ${parallel} concurrent requests` : ''}`,
    }),
    warnings: () => warnings,
    dispose: () => {
      void threads?.dispose();
      void model.dispose();
    },
  };
};
