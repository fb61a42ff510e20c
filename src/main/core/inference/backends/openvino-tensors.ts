import type { Feed } from '../types';
import type { OvAddon, OvElementType, OvTensor, OvTypedArray } from './openvino-api';

/**
 * onnxruntime's type names → openvino-node element types. openvino-node's Tensor takes only these
 * (its helper.cpp lists i8 u8 i16 u16 i32 u32 f32 f64 i64 u64 string): no f16, bf16 or boolean.
 */
export const OV_ELEMENT_TYPES: Readonly<Record<string, OvElementType>> = {
  float32: 'f32',
  float64: 'f64',
  int8: 'i8',
  uint8: 'u8',
  int16: 'i16',
  uint16: 'u16',
  int32: 'i32',
  uint32: 'u32',
  int64: 'i64',
  uint64: 'u64',
};

export function ovElementType(type: string, input: string): OvElementType {
  const mapped = OV_ELEMENT_TYPES[type];
  if (!mapped) {
    throw new RangeError(
      `input ${input} is ${type}: openvino-node tensors take ${Object.keys(OV_ELEMENT_TYPES).join(', ')} only`,
    );
  }
  return mapped;
}

/** openvino-node wraps the array's buffer and refuses a view that does not start at offset 0. */
function ownBuffer(data: Feed['data']): OvTypedArray {
  return (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice()) as OvTypedArray;
}

export function toOvTensors(addon: OvAddon, feeds: Record<string, Feed>): Record<string, OvTensor> {
  const tensors: Record<string, OvTensor> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    tensors[name] = new addon.Tensor(ovElementType(feed.type, name), feed.dims, ownBuffer(feed.data));
  }
  return tensors;
}

/** Outputs as float32 for the agreement check, like the onnxruntime backend. */
export function ovTensorToFloat32(tensor: OvTensor): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, (v) => Number(v));
  return Float32Array.from(data);
}
