import type { SessionSettings } from '../types';

/**
 * latency: the median (p50) wall time of one `session.run` at batch 1, in ms; batch 1 because a
 * larger batch makes every request wait for the batch, which is not what a latency objective asks.
 * throughput: inferences (samples) per second, batch × 1000 / ms per run, over batch sizes 1, 8, 32.
 */
export type Objective = 'latency' | 'throughput';
export const OBJECTIVES: readonly Objective[] = ['latency', 'throughput'];

export type Precision = 'fp32' | 'fp16' | 'int8';

/**
 * OpenVINO's own knobs for a candidate on an OpenVINO device: PERFORMANCE_HINT and the
 * InferRequests in flight per run (a run then processes batch × requests items).
 */
export interface OpenVinoKnobs {
  hint: 'latency' | 'throughput';
  requests: number;
}

/**
 * One configuration the tuner can measure: session settings plus model variant and batch. On an
 * OpenVINO device `openvino` holds the knobs that apply there, and the onnxruntime session fields
 * stay at their defaults, unused.
 */
export interface Candidate extends SessionSettings {
  precision: Precision;
  batch: number;
  openvino?: OpenVinoKnobs;
}

/** A file of the model in one precision, with what the benchmark needs to check its outputs. */
export interface ModelVariant {
  precision: Precision;
  path: string;
  /** The FP32 file to check outputs against; null when this variant is its own reference. */
  referencePath: string | null;
  flopsPerSample: number | null;
}

/** What one measurement of a candidate gave; every figure with its n and spread. */
export interface Measurement {
  n: number;
  /** p50 ms per run and its distribution-free 95 % CI (null below 6 samples). */
  p50Ms: number;
  p50CiMs: [number, number] | null;
  /** items/s = batch × 1000 / ms per run: the median and its interquartile range over the same runs. */
  throughput: number;
  throughputIqr: [number, number];
  /** RSS high-water mark through the first inference (before the checks load more), MiB; one reading. */
  peakRssMiB: number | null;
  /** Sampling budget this measurement was given, ms (overheads such as loading come on top). */
  budgetMs: number;
  warnings: string[];
}

/** A measurement with its per-run wall times in ms; the samples stay in memory, out of the result file. */
export interface SampledMeasurement extends Measurement {
  samples: number[];
}

/** One candidate as evaluated over the rounds; the last measurement is the longest one. */
export interface EvaluatedCandidate {
  key: string;
  objective: Objective;
  candidate: Candidate;
  isDefault: boolean;
  /** Last round this candidate was measured in (0-based): survivors of more rounds got more time. */
  lastRound: number;
  /** Score per round: the objective value (ms for latency, items/s for throughput), null when it failed. */
  rounds: Array<{ round: number; budgetMs: number; value: number | null; n: number }>;
  measurement: Measurement | null;
  /** Why it was dropped without a score (load error, outputs disagree with FP32, …). */
  error: string | null;
}

export interface Figure {
  median: number;
  /** 95 % CI of the median (latency) or interquartile range (throughput). */
  spread: [number, number] | null;
  spreadKind: '95% CI of the median' | 'interquartile range';
  n: number;
}

/**
 * Where a gain's figures come from. 'confirmation A/B': a separate measurement of the winner and the
 * defaults after the search, in rounds that alternate between them, so the samples that chose the
 * winner (whose luck chose it too: the winner's curse) do not also measure its gain.
 * 'selection round': the round that chose the winner; used only when the defaults won (nothing to
 * confirm) or the confirmation failed (then the verdict is inconclusive).
 */
export type GainBasis = 'confirmation A/B' | 'selection round';

/** The best configuration against the defaults: figures, change with its CI, p and a verdict. */
export interface Gain {
  metric: 'p50 latency' | 'throughput';
  unit: 'ms' | 'items/s';
  basis: GainBasis;
  /** How the confirmation ran: alternating rounds per side, each a fresh worker with this sampling budget. */
  confirmation: { rounds: number; budgetMsPerRound: number } | null;
  best: Figure;
  defaults: Figure;
  /** How many times better the best is: defaults/best for latency, best/defaults for throughput. */
  factor: number;
  /** (best median / default median) − 1 with a 95 % bootstrap CI, Mann–Whitney p and a verdict. */
  relativeChange: number;
  relativeChangeCi: [number, number];
  pValue: number;
  verdict: 'better' | 'worse' | 'no significant change' | 'inconclusive' | 'the defaults were best';
  /** Why the verdict is inconclusive (too few values to test, the confirmation failed). */
  reason?: string;
  /**
   * What the search saw: both figures in the round that chose the winner, with the same budget.
   * Biased towards the winner, so no test is made on them; kept to show how much the pick flattered it.
   */
  selection: { best: Figure; defaults: Figure; factor: number; relativeChange: number };
}

export interface Snippets {
  javascript: string;
  python: string;
}

export interface BestConfiguration {
  objective: Objective;
  key: string;
  candidate: Candidate;
  modelPath: string;
  measurement: Measurement;
  defaultKey: string;
  gain: Gain;
  snippets: Snippets;
}

export interface TuneResult {
  format: 'tunebench-inference-tuning';
  version: 1;
  model: string;
  createdAt: string;
  budgetSeconds: number;
  elapsedSeconds: number;
  objectives: Objective[];
  method: string;
  /** The values searched per dimension, and how many configurations that makes per objective. */
  space: {
    devices: string[];
    precisions: Precision[];
    intraOpThreads: number[];
    interOpThreads: number[];
    graphOptimization: string[];
    executionMode: string[];
    batches: Record<Objective, number[]>;
    /** On OpenVINO devices: the hints and the InferRequests in flight searched per objective. */
    openvino?: { hints: OpenVinoKnobs['hint'][]; requests: Record<Objective, number[]> };
    size: Partial<Record<Objective, number>>;
  };
  defaults: Candidate;
  best: Partial<Record<Objective, BestConfiguration>>;
  candidates: EvaluatedCandidate[];
  notes: string[];
}
