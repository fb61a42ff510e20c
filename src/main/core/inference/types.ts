import type { InferenceDevice } from '../../../shared/schemas/bench';

/** Every setting that changes inference numbers; pinned and stored with each result. */
export interface SessionSettings {
  /** onnxruntime execution provider, or OpenVINO device. */
  device: InferenceDevice;
  intraOpThreads: number;
  interOpThreads: number;
  graphOptimization: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode: 'sequential' | 'parallel';
  /**
   * onnxruntime's CPU memory arena (enableCpuMemArena): on by default; off trades some speed for a
   * lower peak, which the inference's own peak RSS now shows.
   */
  memoryArena: boolean;
}

export const DEFAULT_SESSION: SessionSettings = {
  device: 'cpu',
  intraOpThreads: 0, // 0: the runtime's default (one per physical core)
  interOpThreads: 0,
  graphOptimization: 'all',
  executionMode: 'sequential',
  memoryArena: true,
};

export interface TensorSpec {
  name: string;
  /** onnxruntime's type names: 'float32', 'float16', 'int64', … */
  type: string;
  /** Numbers are fixed sizes; strings are symbolic (dynamic) dimensions such as 'batch'. */
  shape: Array<number | string>;
}

/**
 * How one input is fed when seeded noise in its declared shape would be wrong: a real model's
 * conventions (Silero VAD's sample rate must be 16000, its recurrent state starts at zero), or sizes
 * for its dynamic dimensions. Plain JSON, so it travels in a benchmark's parameters.
 */
export interface InputOverride {
  /** Replaces the declared shape: sizes, or 'batch' for the batch size asked. */
  shape?: Array<number | 'batch'>;
  /** Every element takes this value instead of seeded noise. */
  fill?: number;
  /** Per axis: the size must be a multiple of this (1: any), e.g. a CNN that downsamples by 32. */
  multipleOf?: number[];
}

export type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array | Int8Array;

export interface Feed {
  type: string;
  data: TensorData;
  dims: number[];
}

export interface LoadedModel {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** Runs once; outputs as float32 for agreement checks (float16 is widened). */
  run(feeds: Record<string, Feed>): Promise<Record<string, Float32Array>>;
  dispose(): Promise<void>;
}

export type OpenVinoDevice = Extract<InferenceDevice, `openvino-${string}`>;

/**
 * Every OpenVINO setting that changes the numbers: pinned in the compile config and stored with each
 * result. onnxruntime's `SessionSettings` stay as they are; these are the OpenVINO counterpart.
 */
export interface OpenVinoSettings {
  device: OpenVinoDevice;
  /** PERFORMANCE_HINT: one request as fast as possible, or many in flight. */
  hint: 'latency' | 'throughput';
  /** NUM_STREAMS: a count, "auto" (the plugin picks), or null to leave it to the hint. */
  streams: number | 'auto' | null;
  /** INFERENCE_NUM_THREADS; 0 leaves it to the runtime (one per core). */
  threads: number;
  /** InferRequests in flight at once (each sample times all of them); 0: the compiled model's optimal number. */
  requests: number;
}

export const DEFAULT_OPENVINO: Omit<OpenVinoSettings, 'device'> = {
  hint: 'latency',
  streams: null,
  threads: 0,
  requests: 1,
};
