import { onnx, type OnnxTypes } from '../models/onnx';
import type { TensorSpec } from '../types';

/** ONNX TensorProto.DataType numbers → onnxruntime's type names, which the input generator speaks. */
const ONNX_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

type Long = { toNumber(): number };

function spec(value: OnnxTypes.IValueInfoProto): TensorSpec {
  const tensor = value.type?.tensorType;
  if (!tensor) return { name: value.name ?? '', type: 'non-tensor', shape: [] };
  const shape = (tensor.shape?.dim ?? []).map((dim): number | string => {
    const d = dim as OnnxTypes.TensorShapeProto.Dimension;
    if (d.value === 'dimValue') return typeof d.dimValue === 'number' ? d.dimValue : (d.dimValue as Long).toNumber();
    // A symbolic size ("batch"), or -1 for a size with neither value nor name, as onnxruntime reports it.
    return d.value === 'dimParam' ? (d.dimParam ?? '') : -1;
  });
  return { name: value.name ?? '', type: ONNX_TYPES[tensor.elemType ?? 0] ?? `onnx type ${tensor.elemType}`, shape };
}

/**
 * The graph's declared inputs and outputs, with onnxruntime's type names and symbolic dimensions.
 * openvino-node's Output has no element type, and these declarations are what onnxruntime reports
 * too, so both backends generate the same inputs for the same model.
 */
export function onnxTensorSpecs(bytes: Uint8Array, label: string): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new Error(`${label}: not an ONNX model (${(error as Error).message})`, { cause: error });
  }
  const graph = model.graph;
  if (!graph) throw new Error(`${label}: the ONNX model has no graph`);
  // Before IR version 4, initializers were also listed as inputs; they are weights, not feeds.
  const weights = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((i) => !weights.has(i.name ?? '')).map(spec),
    outputs: (graph.output ?? []).map(spec),
  };
}
