import onnxProto from 'onnx-proto';

/**
 * The ONNX protobuf classes. onnx-proto is CommonJS without named-export hints, so Node's ESM loader only
 * sees a default export: take the namespace from it here, once.
 */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';
