import { readFile } from 'node:fs/promises';
import { agreement, COSINE_TOLERANCE } from '../../inference/agreement';
import { loadWithOnnxRuntime } from '../../inference/backends/onnxruntime';
import { describePlan, feedsFor, planInputs, type FeedOptions, type PlannedInput } from '../../inference/inputs';
import { pretrainedInputsForPath } from '../../inference/pretrained';
import { ITEMS_PER_SAMPLE, MEMORY_EXTRAS } from '../../../../shared/inference-extras';
import { DEFAULT_SESSION, type InputOverride, type LoadedModel, type TensorSpec } from '../../inference/types';

/** What every inference benchmark (onnxruntime, OpenVINO) shares: parameters, output checks, memory. */

export function str(params: Record<string, unknown>, key: string, fallback?: string): string {
  const value = params[key];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new RangeError(`parameter ${key} is required`);
}

export function json<T>(params: Record<string, unknown>, key: string): T | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? (JSON.parse(value) as T) : undefined;
}

/**
 * The user's sizes (--dims) and a pretrained model's conventions; the tuner passes only a path, so
 * a pretrained model is also recognised by its file.
 */
export function feedOptionsFrom(params: Record<string, unknown>, modelPath: string): FeedOptions {
  return {
    dims: json<Record<string, number | number[]>>(params, 'dims'),
    overrides: json<Record<string, InputOverride>>(params, 'inputs') ?? pretrainedInputsForPath(modelPath),
  };
}

/** Smallest and largest value of the first output, and how many values in all outputs are NaN or infinite. */
export function outputStats(outputs: Record<string, Float32Array>): { min: number; max: number; nonFinite: number } {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  const [first] = Object.values(outputs);
  for (const data of Object.values(outputs)) {
    for (const v of data) {
      if (!Number.isFinite(v)) nonFinite += 1;
      else if (data === first) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return { min, max, nonFinite };
}

/** The process's RSS high-water mark in MiB (Linux and macOS report maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const mib = (value: number): number => Number(value.toFixed(1));

/**
 * Peak memory of one inference benchmark. Each benchmark runs in a process of its own, so the
 * high-water mark read before loading is the runtime alone, the one read right after the first
 * inference (and, with parallel requests, after the other sessions opened) is the inference's own
 * peak, and the one read at the end adds the reference check, the placement profile and the timed
 * loop. Three readings, no spread: said so where they are shown.
 */
export class MemoryReadings {
  private readonly beforeLoadMiB = peakRssMiB();
  private throughFirstMiB: number | null = null;

  /** Call once everything the timed loop uses is loaded and has run once, before any check loads more. */
  markInferenceLoaded(): void {
    this.throughFirstMiB = peakRssMiB();
  }

  extras(): Record<string, number> {
    const through = this.throughFirstMiB;
    return {
      ...(through !== null
        ? {
            [MEMORY_EXTRAS.throughFirstInference]: mib(through),
            [MEMORY_EXTRAS.model]: mib(Math.max(0, through - this.beforeLoadMiB)),
          }
        : {}),
      [MEMORY_EXTRAS.beforeLoad]: mib(this.beforeLoadMiB),
      [MEMORY_EXTRAS.process]: mib(peakRssMiB()),
    };
  }
}

/** What both backends report the same way about one result: rate, inputs, outputs and agreement. */
export function sharedResultExtras(args: {
  median: number;
  items: number;
  flopsPerItem: number;
  plan: PlannedInput[];
  output: { min: number; max: number };
  reference: ReferenceCheck;
}): Record<string, string | number> {
  const { median, items, flopsPerItem, plan, output, reference } = args;
  return {
    throughput: `${((items * 1000) / median).toFixed(1)} items/s`,
    [ITEMS_PER_SAMPLE]: items,
    ...(flopsPerItem > 0 ? { 'GFLOP/s': Number(((flopsPerItem * items) / (median * 1e6)).toFixed(1)) } : {}),
    inputs: describePlan(plan),
    // Of the first output (Silero VAD: the speech probability), on the first inference.
    ...(Number.isFinite(output.min)
      ? { 'output min': Number(output.min.toPrecision(4)), 'output max': Number(output.max.toPrecision(4)) }
      : {}),
    ...reference.accuracy,
    ...(reference.warning ? { accuracy: `⚠ ${reference.warning}` } : {}),
  };
}

/** The warning for NaN or infinite outputs on the first inference, or null. */
export function nonFiniteWarning(output: { nonFinite: number }): string | null {
  return output.nonFinite > 0
    ? `the outputs hold ${output.nonFinite} NaN or infinite values on the generated inputs`
    : null;
}

export interface ReferenceCheck {
  accuracy: Record<string, number>;
  warning: string | null;
}

/**
 * Compares the first inference's outputs with the CPU FP32 reference (onnxruntime on the CPU) on
 * the same inputs. No reference path: nothing to compare, no warning.
 */
export async function checkAgainstReference(
  params: Record<string, unknown>,
  batch: number,
  feedOptions: FeedOptions,
  outputs: Record<string, Float32Array>,
): Promise<ReferenceCheck> {
  const referencePath = typeof params.referencePath === 'string' ? params.referencePath : '';
  if (!referencePath) return { accuracy: {}, warning: null };
  let reference: LoadedModel | null = null;
  try {
    reference = await loadWithOnnxRuntime(new Uint8Array(await readFile(referencePath)), {
      ...DEFAULT_SESSION,
      device: 'cpu',
    });
    const expected = await reference.run(feedsFor(planInputs(reference.inputs, batch, feedOptions)));
    const name = Object.keys(expected)[0]!;
    const actual = outputs[name] ?? Object.values(outputs)[0]!;
    const { maxAbsError, cosineSimilarity } = agreement(expected[name]!, actual);
    const precision = str(params, 'precision', 'fp32');
    const tolerance = COSINE_TOLERANCE[precision] ?? 0.99;
    return {
      accuracy: {
        'max abs error vs CPU FP32': Number(maxAbsError.toPrecision(3)),
        'cosine vs CPU FP32': Number(cosineSimilarity.toFixed(5)),
      },
      warning:
        cosineSimilarity < tolerance
          ? `output disagrees with the CPU FP32 reference: cosine ${cosineSimilarity.toFixed(4)} < ${tolerance} for ${precision}`
          : null,
    };
  } finally {
    await reference?.dispose();
  }
}

/**
 * A model with a fixed first dimension ignores the batch asked for: its throughput would be off by
 * that factor. Inputs whose shape a convention or the user set are placed already (Silero's state is
 * [2, batch, 128]). Returns the message, or null when the batch fits.
 */
export function fixedBatchMismatch(inputs: TensorSpec[], batch: number, feedOptions: FeedOptions): string | null {
  for (const input of inputs) {
    if (feedOptions.overrides?.[input.name]?.shape || Array.isArray(feedOptions.dims?.[input.name])) continue;
    const first = input.shape[0];
    if (typeof first === 'number' && first > 0 && first !== batch) {
      return `batch ${batch} asked, but input ${input.name} has a fixed first dimension of ${first}: use --batch ${first}`;
    }
  }
  return null;
}
