import { readFile } from 'node:fs/promises';
import { agreement, COSINE_TOLERANCE } from '../../inference/agreement';
import { loadWithOnnxRuntime } from '../../inference/backends/onnxruntime';
import { generateFeeds } from '../../inference/inputs';
import { DEFAULT_SESSION, type LoadedModel, type SessionSettings } from '../../inference/types';
import type { BenchmarkFactory } from '../worker/benchmark';

function str(params: Record<string, unknown>, key: string, fallback?: string): string {
  const value = params[key];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new RangeError(`parameter ${key} is required`);
}

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
  };
}

/**
 * Inference latency with onnxruntime, benchmark_app-style: load/compile time and the first
 * inference are timed apart and kept out of the statistics; then one sample per `session.run` at
 * the pinned batch size. Outputs are checked against the CPU FP32 reference on the same inputs.
 */
export const inferenceLatency: BenchmarkFactory = async (params) => {
  const modelPath = str(params, 'modelPath');
  const settings = settingsFrom(params);
  const batch = Number(params.batch ?? 1);
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
  const dims = {
    batch,
    ...(typeof params.dims === 'string' && params.dims ? (JSON.parse(params.dims) as Record<string, number>) : {}),
  };
  const feeds = generateFeeds(model.inputs, dims);
  const firstStart = performance.now();
  const firstOutputs = await model.run(feeds);
  const firstMs = performance.now() - firstStart;

  let accuracy: Record<string, string | number> = {};
  let accuracyWarning: string | null = null;
  const referencePath = typeof params.referencePath === 'string' ? params.referencePath : '';
  if (referencePath) {
    let reference: LoadedModel | null = null;
    try {
      reference = await loadWithOnnxRuntime(new Uint8Array(await readFile(referencePath)), {
        ...DEFAULT_SESSION,
        device: 'cpu',
      });
      const expected = await reference.run(generateFeeds(reference.inputs, dims));
      const name = Object.keys(expected)[0]!;
      const actual = firstOutputs[name] ?? Object.values(firstOutputs)[0]!;
      const { maxAbsError, cosineSimilarity } = agreement(expected[name]!, actual);
      const precision = str(params, 'precision', 'fp32');
      const tolerance = COSINE_TOLERANCE[precision] ?? 0.99;
      accuracy = {
        'max abs error vs CPU FP32': Number(maxAbsError.toPrecision(3)),
        'cosine vs CPU FP32': Number(cosineSimilarity.toFixed(5)),
      };
      if (cosineSimilarity < tolerance) {
        accuracyWarning = `output disagrees with the CPU FP32 reference: cosine ${cosineSimilarity.toFixed(4)} < ${tolerance} for ${precision}`;
      }
    } finally {
      await reference?.dispose();
    }
  }

  const flops = Number(params.flopsPerSample ?? 0);
  return {
    unit: 'ms',
    direction: 'lower-is-better',
    measure: async () => {
      const start = performance.now();
      await model.run(feeds);
      return performance.now() - start;
    },
    extras: (median) => ({
      'load ms': Number(loadMs.toFixed(1)),
      'first inference ms': Number(firstMs.toFixed(2)),
      throughput: `${((batch * 1000) / median).toFixed(1)} items/s`,
      ...(flops > 0 ? { 'GFLOP/s': Number(((flops * batch) / (median * 1e6)).toFixed(1)) } : {}),
      ...accuracy,
      ...(accuracyWarning ? { accuracy: `⚠ ${accuracyWarning}` } : {}),
      settings: `${settings.device}, intra ${settings.intraOpThreads || 'default'}, inter ${settings.interOpThreads || 'default'}, opt ${settings.graphOptimization}, ${settings.executionMode}`,
    }),
    warnings: () => (accuracyWarning ? [accuracyWarning] : []),
    dispose: () => void model.dispose(),
  };
};
