import { float32ToFloat16Bits } from './float16';
import { onnx, type OnnxTypes } from './onnx';

export type ElemType = 'float32' | 'float16' | 'int8' | 'uint8' | 'int32' | 'int64';

const DATA_TYPE: Record<ElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
};

const BYTES: Record<ElemType, number> = { float32: 4, float16: 2, int8: 1, uint8: 1, int32: 4, int64: 8 };

export function dataType(type: ElemType): number {
  return DATA_TYPE[type];
}

/**
 * Little-endian raw bytes of `values` as `type`, written element by element through a DataView so the
 * bytes do not depend on the host's byte order (ONNX raw_data is little-endian).
 */
export function rawBytes(type: ElemType, values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * BYTES[type]);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    switch (type) {
      case 'float32':
        view.setFloat32(i * 4, v, true);
        break;
      case 'float16':
        view.setUint16(i * 2, float32ToFloat16Bits(v), true);
        break;
      case 'int8':
        view.setInt8(i, v);
        break;
      case 'uint8':
        view.setUint8(i, v);
        break;
      case 'int32':
        view.setInt32(i * 4, v, true);
        break;
      case 'int64':
        view.setBigInt64(i * 8, BigInt(v), true);
        break;
    }
  }
  return bytes;
}

export function tensorProto(
  name: string,
  type: ElemType,
  dims: number[],
  values: ArrayLike<number>,
): OnnxTypes.ITensorProto {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) {
    throw new Error(`tensor ${name}: ${values.length} values for dims [${dims.join(', ')}]`);
  }
  return { name, dims, dataType: DATA_TYPE[type], rawData: rawBytes(type, values) };
}
