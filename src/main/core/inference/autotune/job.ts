import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { InferenceDeviceSchema, type BenchmarkResult } from '../../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import type { Progress } from '../../../../shared/schemas/progress';
import { BenchmarkFailedError, runBenchmark } from '../../bench/runner';
import type { WorkerLauncher } from '../../jobs/worker-launcher';
import { resolveModels } from '../resolve-models';
import { deviceUnavailable } from '../suite';
import type { SessionSettings } from '../types';
import { candidateSpec, measurementOf, tuningPlan, type EvaluationOutcome } from './measure';
import { itemsPerRun } from './space';
import { tuneInference, type TuneRequest } from './tune';
import type { Candidate, ModelVariant, Objective, Precision, TuneResult } from './types';

/**
 * The devices tuned when the caller names none: every onnxruntime provider and OpenVINO device.
 * AUTO is left out, as it only picks one of the others.
 */
const DEFAULT_DEVICES: SessionSettings['device'][] = InferenceDeviceSchema.options.filter(
  (device) => device !== 'openvino-auto',
);

export interface TuneInput {
  model: string;
  objectives: Objective[];
  budgetSeconds: number;
  devices?: SessionSettings['device'][];
  /** Built-in models only; a user's model is tuned in its own precision. */
  precisions?: Precision[];
  seed?: number;
}

/** Resolves the model's variants and the devices that can run here; what cannot run is said, not dropped. */
export async function prepareTuning(
  input: TuneInput,
  profile: Pick<HardwareProfile, 'onnxruntime' | 'npu'>,
  dataDir: string,
): Promise<{ request: TuneRequest; skipped: string[] }> {
  const builtin = input.model.startsWith('builtin:');
  if (input.model === 'builtin:all') throw new RangeError('tune one model at a time, e.g. builtin:mlp');
  const precisions: Precision[] = builtin ? (input.precisions ?? ['fp32', 'fp16', 'int8']) : ['fp32'];
  const entries = await resolveModels([input.model], precisions, dataDir);
  const variants: ModelVariant[] = entries.map((e) => ({
    precision: e.precision,
    path: e.path,
    // A variant checked against itself is a wasted session: only reduced precisions are checked.
    referencePath: e.referencePath && e.referencePath !== e.path ? e.referencePath : null,
    flopsPerSample: e.flopsPerSample,
  }));
  const skipped: string[] = [];
  const devices = (input.devices ?? DEFAULT_DEVICES).filter((device) => {
    const reason = deviceUnavailable(device, profile);
    if (reason) skipped.push(reason);
    return reason === null;
  });
  if (devices.length === 0) throw new Error(`no device to tune on: ${skipped.join('; ')}`);
  return {
    request: {
      modelId: entries[0]!.id,
      variants,
      devices,
      objectives: input.objectives,
      budgetSeconds: input.budgetSeconds,
      // Logical CPUs this process may use: the upper end of the thread counts tried.
      cores: os.availableParallelism(),
      seed: input.seed,
      notes: skipped.map((reason) => `not tuned on ${reason}`),
    },
    skipped,
  };
}

export interface TuningJobDeps {
  launcher: WorkerLauncher;
  workerPath: string;
  dataDir: string;
  jobId: string;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Every measurement as a benchmark result, for live views. */
  onResult?: (result: BenchmarkResult) => void;
}

export function tuningFile(dataDir: string, jobId: string): string {
  if (!/^[\w-]+$/.test(jobId)) throw new RangeError(`not a job id: ${jobId}`);
  return join(dataDir, 'tuning', `${jobId}.json`);
}

/** Writes via a temporary file and a rename, so a reader never sees half a result. */
export async function writeTuneResult(file: string, result: TuneResult): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(result, null, 2)}\n`);
  await rename(temporary, file);
}

export async function readTuneResult(dataDir: string, jobId: string): Promise<TuneResult> {
  try {
    return JSON.parse(await readFile(tuningFile(dataDir, jobId), 'utf8')) as TuneResult;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`no tuning result for job ${jobId} (still running, failed, or from another data folder)`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Runs a prepared tuning with real measurements and writes the result into the data folder. */
export async function runTuningJob(
  prepared: { request: TuneRequest },
  deps: TuningJobDeps,
): Promise<{ result: TuneResult; file: string }> {
  const { request } = prepared;
  const modelId = request.modelId.replace(/^builtin:/, '');
  const evaluate = async (
    candidate: Candidate,
    budgetMs: number,
    confirmationRound?: number,
  ): Promise<EvaluationOutcome> => {
    const variant = request.variants.find((v) => v.precision === candidate.precision)!;
    const spec = candidateSpec(candidate, variant, modelId);
    // A live view tells the confirmation A/B's measurements from the search's by id and title.
    const tagged =
      confirmationRound === undefined
        ? spec
        : {
            ...spec,
            id: `${spec.id}-confirm${confirmationRound}`,
            title: `${spec.title} (confirmation A/B, round ${confirmationRound})`,
          };
    try {
      const measured = await runBenchmark(tagged, tuningPlan(budgetMs), {
        launcher: deps.launcher,
        workerPath: deps.workerPath,
        signal: deps.signal,
      });
      const result = measured.results[0]!;
      deps.onResult?.(result);
      return { measurement: measurementOf(result, itemsPerRun(candidate), budgetMs), error: null };
    } catch (error) {
      // A configuration the runtime refuses is a finding of the search; a cancellation ends it.
      if (error instanceof BenchmarkFailedError) return { measurement: null, error: error.reason };
      throw error;
    }
  };
  const result = await tuneInference(request, {
    evaluate,
    onProgress: (value, step, description) =>
      deps.onProgress?.({
        kind: 'step',
        jobId: deps.jobId,
        value,
        title: `Tuning ${request.modelId}: ${step}`,
        description,
      }),
  });
  const file = tuningFile(deps.dataDir, deps.jobId);
  await writeTuneResult(file, result);
  deps.onProgress?.({ kind: 'done', jobId: deps.jobId, title: `Tuned ${request.modelId}` });
  return { result, file };
}
