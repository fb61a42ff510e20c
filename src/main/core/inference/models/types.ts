/** The built-in model families: dense, convolutional, depthwise-separable and transformer encoder. */
export const MODEL_IDS = ['mlp', 'cnn', 'mobilenet', 'transformer'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const PRECISIONS = ['fp32', 'fp16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** A dimension is a fixed size or the symbolic batch dimension, so throughput can be measured across batch sizes. */
export type Dim = number | 'batch';

export interface ModelTensorInfo {
  name: string;
  shape: Dim[];
  /** Every built-in model takes and returns float32, whatever its internal precision (see `precisionNote`). */
  type: 'float32';
}

export interface BuiltinModelInfo {
  id: ModelId;
  precision: Precision;
  /** File name used by `writeBuiltinModels`: `<id>-<precision>.onnx`. */
  fileName: string;
  title: string;
  input: ModelTensorInfo & {
    /** Inputs drawn uniformly from this range are representative (weights and quantisation scales assume it). */
    range: [number, number];
  };
  output: ModelTensorInfo;
  /** Learnable parameters as a framework counts them (BatchNorm running statistics are buffers, not parameters). */
  parameters: number;
  /**
   * Floating-point operations for one sample: 2 × multiply-accumulates of Conv, Gemm and MatMul only
   * (element-wise ops, normalisation, softmax and pooling are not counted), the usual convention for model FLOPs.
   */
  flopsPerSample: number;
  opset: number;
  /** What runs in which precision, and where the casts or quantise/dequantise nodes sit. */
  precisionNote: string;
  seed: number;
  provenance: string;
}

export interface BuildOptions {
  /** Seed of the weight generator; the same seed gives the same bytes. */
  seed?: number;
}

export interface BuiltModel {
  bytes: Uint8Array;
  info: BuiltinModelInfo;
}
