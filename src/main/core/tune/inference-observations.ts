import { basename, relative, sep } from 'node:path';
import type { RunRepository } from '../store/runs';
import type { InferenceObservation } from './types';

/** How many recent inference runs the model rules look at. */
const RECENT_RUNS = 20;

/** "detector-int8.onnx" and "detector_fp16.onnx" are one model in two precisions. */
function family(path: string): string {
  return basename(path)
    .replace(/\.onnx$/i, '')
    .replace(/[-_.](fp32|fp16|int8|qdq|quant(ized)?)$/i, '');
}

/**
 * What the inference suite measured for the project's own models (files inside `root`), newest
 * first, as the model rules read it. Built-in models are the machine's, not the project's.
 */
export function inferenceObservations(runs: RunRepository | null, root: string): InferenceObservation[] {
  if (!runs) return [];
  const observations: InferenceObservation[] = [];
  for (const summary of runs.list(RECENT_RUNS, 'inference')) {
    const run = runs.get(summary.id);
    if (!run) continue;
    for (const result of run.results) {
      const path = result.params.modelPath;
      if (typeof path !== 'string' || result.id.includes(':')) continue;
      const inside = relative(root, path);
      if (inside.startsWith('..') || inside === path) continue;
      observations.push({
        model: family(path),
        file: inside.split(sep).join('/'),
        device: String(result.params.device ?? 'cpu'),
        precision: String(result.params.precision ?? 'fp32'),
        batch: Number(result.params.batch ?? 1),
        latencyMsP50: result.summary.median,
        n: result.summary.n,
        agreementOk: !('accuracy' in (result.extras ?? {})),
        settings: Object.fromEntries(
          ['intraOpThreads', 'interOpThreads', 'graphOptimization', 'executionMode']
            .filter((key) => key in result.params)
            .map((key) => [key, result.params[key]!]),
        ),
      });
    }
  }
  return observations;
}
