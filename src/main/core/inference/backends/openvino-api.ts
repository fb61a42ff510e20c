/**
 * The part of openvino-node's addon (types/addon.d.ts, 2026.4.0) the inference backend uses. Typed
 * here because the package is an optional dependency that is not installed in most builds; the
 * names and signatures are the package's own.
 */

/** openvino-node's property values: what `compileModel` config and `getProperty` carry. */
export type OvAny = string | number | boolean;

/** The element type names openvino-node's Tensor accepts (it has no f16: see openvino-tensors.ts). */
export type OvElementType = 'u8' | 'u32' | 'u16' | 'u64' | 'i8' | 'i64' | 'i32' | 'i16' | 'f64' | 'f32';

export type OvTypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** A fixed size, -1 for a fully dynamic one, or [min, max] for a bounded one. */
export type OvDimension = number | [number, number];

export interface OvPartialShape {
  isStatic(): boolean;
  isDynamic(): boolean;
  toString(): string;
  getDimensions(): OvDimension[];
}

export interface OvOutput {
  anyName: string;
  getAnyName(): string;
  getPartialShape(): OvPartialShape;
}

export interface OvTensor {
  data: OvTypedArray;
  getData(): OvTypedArray;
  getShape(): number[];
}

export interface OvInferRequest {
  inferAsync(inputData: Record<string, OvTensor>): Promise<Record<string, OvTensor>>;
}

export interface OvCompiledModel {
  inputs: OvOutput[];
  outputs: OvOutput[];
  getProperty(propertyName: string): OvAny | OvAny[];
  createInferRequest(): OvInferRequest;
}

export interface OvModel {
  inputs: OvOutput[];
  outputs: OvOutput[];
  isDynamic(): boolean;
  /** Keys are input names; values a PartialShape's string form, e.g. "[1,3,224,224]". */
  reshape(partialShapes: Map<string, string>): OvModel;
}

export interface OvCore {
  getAvailableDevices(): string[];
  getProperty(deviceName: string, propertyName: string): OvAny;
  readModel(modelPath: string): Promise<OvModel>;
  readModel(modelBuffer: Uint8Array): Promise<OvModel>;
  compileModel(model: OvModel, deviceName: string, config?: Record<string, OvAny>): Promise<OvCompiledModel>;
}

/** `addon` of `require('openvino-node')`. */
export interface OvAddon {
  Core: new () => OvCore;
  Tensor: new (type: OvElementType, shape: number[], tensorData: OvTypedArray) => OvTensor;
}
