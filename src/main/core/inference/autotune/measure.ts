import { quantileSorted } from 'simple-statistics';
import { inferencePeakMiB } from '../../../../shared/inference-extras';
import type { BenchmarkResult, SamplingPlan } from '../../../../shared/schemas/bench';
import { summarize } from '../../bench/stats/summary';
import type { BenchmarkSpec } from '../../bench/worker/protocol';
import { candidateKey } from './space';
import type { Candidate, Measurement, ModelVariant, SampledMeasurement } from './types';

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

/** Figures of per-run wall times: p50 with its CI, and throughput per run (items × 1000 / ms) from the same samples. */
function figuresOf(
  samples: number[],
  items: number,
): Pick<SampledMeasurement, 'samples' | 'n' | 'p50Ms' | 'p50CiMs' | 'throughput' | 'throughputIqr'> {
  const summary = summarize(samples);
  const throughputs = samples.map((ms) => (items * 1000) / ms).sort((a, b) => a - b);
  return {
    samples,
    n: summary.n,
    p50Ms: summary.median,
    p50CiMs: summary.medianCi,
    throughput: quantileSorted(throughputs, 0.5),
    throughputIqr: [quantileSorted(throughputs, 0.25), quantileSorted(throughputs, 0.75)],
  };
}

/** Figures of one benchmark result. */
export function measurementOf(result: BenchmarkResult, items: number, budgetMs: number): SampledMeasurement {
  return {
    ...figuresOf(result.samples, items),
    peakRssMiB: inferencePeakMiB(result.extras),
    budgetMs,
    warnings: result.warnings,
  };
}

/**
 * Several measurements of one configuration as one: the samples pooled, the budgets summed, the
 * highest peak and every distinct warning. Each part ran in its own worker after its own warm-up.
 */
export function pooledMeasurement(parts: SampledMeasurement[], items: number): SampledMeasurement {
  if (parts.length === 0) throw new RangeError('nothing to pool');
  const peaks = parts.map((p) => p.peakRssMiB).filter((p): p is number => p !== null);
  return {
    ...figuresOf(
      parts.flatMap((p) => p.samples),
      items,
    ),
    peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : null,
    budgetMs: parts.reduce((sum, p) => sum + p.budgetMs, 0),
    warnings: [...new Set(parts.flatMap((p) => p.warnings))],
  };
}

/** Disqualifies a measurement that must not win (or confirm a win) whatever its speed. */
export function disqualified(m: Measurement): string | null {
  return m.warnings.find((w) => w.startsWith('output disagrees')) ?? null;
}

export type EvaluationOutcome = { measurement: SampledMeasurement; error: null } | { measurement: null; error: string };
