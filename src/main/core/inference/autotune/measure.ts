import { quantileSorted } from 'simple-statistics';
import { inferencePeakMiB } from '../../../../shared/inference-extras';
import type { BenchmarkResult, SamplingPlan } from '../../../../shared/schemas/bench';
import { summarize } from '../../bench/stats/summary';
import type { BenchmarkSpec } from '../../bench/worker/protocol';
import { candidateKey } from './space';
import type { Candidate, ModelVariant, SampledMeasurement } from './types';

/**
 * A candidate as the inference suite's own benchmark spec: the same worker, session pinning,
 * warm-up, first-run exclusion and output check as `tunebench bench inference`, only with the
 * tuner's settings and budget.
 */
export function candidateSpec(candidate: Candidate, variant: ModelVariant, modelId: string): BenchmarkSpec {
  const id = `tune-${modelId}-${candidateKey(candidate).replaceAll('/', '-')}`;
  const model = {
    modelPath: variant.path,
    referencePath: variant.referencePath ?? '',
    precision: candidate.precision,
    device: candidate.device,
    batch: candidate.batch,
    ...(variant.flopsPerSample ? { flopsPerSample: variant.flopsPerSample } : {}),
  };
  if (candidate.openvino) {
    const { hint, requests } = candidate.openvino;
    return {
      kind: 'inference.openvino',
      id,
      title: `${modelId} ${candidate.precision.toUpperCase()} on ${candidate.device}, batch ${candidate.batch}, hint ${hint}, ${requests} infer request${requests === 1 ? '' : 's'}`,
      // Streams and threads are left to the hint: that is what the hint is for.
      params: { ...model, ovHint: hint, ovStreams: '', ovThreads: 0, ovRequests: requests },
    };
  }
  return {
    kind: 'inference.onnxruntime',
    id,
    title: `${modelId} ${candidate.precision.toUpperCase()} on ${candidate.device}, batch ${candidate.batch}, intra ${candidate.intraOpThreads}, inter ${candidate.interOpThreads}, opt ${candidate.graphOptimization}, ${candidate.executionMode}`,
    params: {
      ...model,
      intraOpThreads: candidate.intraOpThreads,
      interOpThreads: candidate.interOpThreads,
      graphOptimization: candidate.graphOptimization,
      executionMode: candidate.executionMode,
      memoryArena: candidate.memoryArena,
      // A CPU session cannot fall back; on other providers the placement check is worth its extra session.
      placement: candidate.device !== 'cpu',
    },
  };
}

/**
 * The sampling plan of one measurement: only the time budget stops it (the precision target is
 * out of reach on purpose), so doubling the budget doubles the measurement as halving intends.
 */
export function tuningPlan(budgetMs: number): SamplingPlan {
  return { warmupRuns: 2, minSamples: 6, maxSamples: 1_000_000, budgetMs, targetRelativeHalfWidth: 1e-9 };
}

/** Figures of one benchmark result, throughput per run (items per run × 1000 / ms) from the same samples. */
export function measurementOf(result: BenchmarkResult, items: number, budgetMs: number): SampledMeasurement {
  const samples = result.samples;
  const summary = summarize(samples);
  const throughputs = samples.map((ms) => (items * 1000) / ms).sort((a, b) => a - b);
  return {
    samples,
    n: summary.n,
    p50Ms: summary.median,
    p50CiMs: summary.medianCi,
    throughput: quantileSorted(throughputs, 0.5),
    throughputIqr: [quantileSorted(throughputs, 0.25), quantileSorted(throughputs, 0.75)],
    peakRssMiB: inferencePeakMiB(result.extras),
    budgetMs,
    warnings: result.warnings,
  };
}

export type EvaluationOutcome = { measurement: SampledMeasurement; error: null } | { measurement: null; error: string };
