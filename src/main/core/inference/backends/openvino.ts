import { readFile } from 'node:fs/promises';
import {
  isModuleMissing,
  loadOpenVinoPackage,
  OPENVINO_INSTALL_REMEDY,
  OPENVINO_NOT_INSTALLED,
  type OpenVinoLoader,
} from '../../hardware/npu/openvino';
import type { Feed, LoadedModel, OpenVinoSettings, TensorSpec } from '../types';
import type { OvAddon, OvAny, OvCompiledModel, OvCore, OvInferRequest, OvModel, OvTensor } from './openvino-api';
import { onnxTensorSpecs } from './openvino-onnx-specs';
import {
  executionVerdict,
  OPENVINO_DEVICE_NAMES,
  parseExecutionDevices,
  type ExecutionVerdict,
} from './openvino-placement';
import { ovTensorToFloat32, toOvTensors } from './openvino-tensors';

/** The runtime cannot be loaded here: the benchmark cannot run, and the message says how to fix it. */
export class OpenVinoUnavailableError extends Error {}

/** What a compiled model reports about itself, kept with the result. */
const RECORDED_PROPERTIES = [
  'PERFORMANCE_HINT',
  'NUM_STREAMS',
  'INFERENCE_NUM_THREADS',
  'OPTIMAL_NUMBER_OF_INFER_REQUESTS',
];

export interface OpenVinoModel extends LoadedModel {
  /** Read, reshape and compile, in ms: OpenVINO's "load" (compiling dominates it on a GPU or an NPU). */
  loadMs: number;
  compileMs: number;
  /** "x=1x3x224x224" when dynamic inputs were fixed for the NPU; null when the model was compiled as read. */
  reshapedTo: string | null;
  /** The compiled model's own view of the settings (NUM_STREAMS the hint chose, …), as strings. */
  properties: Record<string, string>;
  /** InferRequests `runAll` keeps in flight. */
  requests: number;
  /** The OpenVINO module that compiled and runs it. */
  runtime: OpenVinoRuntimeInfo;
  /** Where the compiled model runs now (AUTO may move after its first inferences). */
  execution(): ExecutionVerdict;
  /** Sends the feeds to every InferRequest at once and resolves when all have finished. */
  runAll(feeds: Record<string, Feed>): Promise<void>;
}

export interface OpenVinoLoadOptions {
  /**
   * The concrete input shapes, from the declared inputs (called after reading, before compiling): a
   * model with dynamic inputs is reshaped to them for the NPU. It may throw to refuse the model.
   */
  shapesFor?: (inputs: TensorSpec[]) => Record<string, number[]>;
  /** Where openvino-node comes from; tests pass a stand-in. */
  load?: OpenVinoLoader;
}

/** Which runtime was loaded: kept with every result so a number can be traced to the build that made it. */
export interface OpenVinoRuntimeInfo {
  /** What the module reports (the package's version, or a local build's getOpenvinoVersion); null if nothing. */
  version: string | null;
  /** The resolved module path; null when the loader could not say. */
  path: string | null;
  /** The environment variable that named the module (TUNEBENCH_OPENVINO_MODULE); null for the package. */
  customFrom: string | null;
}

/** openvino-node's addon and which module it came from, or an error that says why it cannot be used. */
export async function loadOpenVinoAddon(
  load: OpenVinoLoader = loadOpenVinoPackage,
): Promise<{ addon: OvAddon; runtime: OpenVinoRuntimeInfo }> {
  let loaded;
  try {
    loaded = await load();
  } catch (error) {
    if (isModuleMissing(error)) {
      throw new OpenVinoUnavailableError(`${OPENVINO_NOT_INSTALLED} (${OPENVINO_INSTALL_REMEDY})`, { cause: error });
    }
    throw new OpenVinoUnavailableError(`OpenVINO runtime failed to load: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const addon = loaded.module.addon as Partial<OvAddon>;
  if (typeof addon.Core !== 'function' || typeof addon.Tensor !== 'function') {
    throw new OpenVinoUnavailableError('the loaded OpenVINO module has no addon.Core and addon.Tensor');
  }
  return {
    addon: addon as OvAddon,
    runtime: { version: loaded.version, path: loaded.path ?? null, customFrom: loaded.customFrom ?? null },
  };
}

/** The compile config for pinned settings: nothing is left to a default that could change between runs unseen. */
export function compileConfig(settings: OpenVinoSettings): Record<string, OvAny> {
  const config: Record<string, OvAny> = { PERFORMANCE_HINT: settings.hint.toUpperCase() };
  if (settings.streams !== null) config.NUM_STREAMS = settings.streams === 'auto' ? 'AUTO' : settings.streams;
  if (settings.threads > 0) config.INFERENCE_NUM_THREADS = settings.threads;
  return config;
}

const shapeLabel = (shapes: Record<string, number[]>) =>
  Object.entries(shapes)
    .map(([name, dims]) => `${name}=${dims.join('x')}`)
    .join(',');

/** OpenVINO's errors are chains of "Exception from <file>:<line>:" lines; the last line is the reason. */
export function ovReason(error: unknown): string {
  const lines = String((error as Error)?.message ?? error)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Exception from .*:\d+:$/.test(l));
  return lines.at(-1) ?? 'unknown error';
}

function dynamicInputs(model: OvModel): string[] {
  return model.inputs
    .filter((input) => input.getPartialShape().isDynamic())
    .map((input) => `${input.getAnyName()} ${input.getPartialShape().toString()}`);
}

/**
 * Reshapes a model with dynamic inputs to static shapes: the NPU compiles static shapes only
 * (its plugin fails with "to_shape was called on a dynamic shape" otherwise).
 */
function reshapeForNpu(
  model: OvModel,
  shapes: Record<string, number[]> | undefined,
): { reshapedTo: string | null; failure: string | null } {
  if (dynamicInputs(model).length === 0 || !shapes) return { reshapedTo: null, failure: null };
  try {
    model.reshape(new Map(Object.entries(shapes).map(([name, dims]) => [name, `[${dims.join(',')}]`])));
    return { reshapedTo: shapeLabel(shapes), failure: null };
  } catch (error) {
    return { reshapedTo: null, failure: `reshaping to ${shapeLabel(shapes)} failed: ${ovReason(error)}` };
  }
}

function properties(compiled: OvCompiledModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RECORDED_PROPERTIES) {
    try {
      const value = compiled.getProperty(name);
      out[name] = Array.isArray(value) ? value.join(' ') : String(value);
    } catch {
      // Not every plugin has every property (the NPU has no INFERENCE_NUM_THREADS): leave it out.
    }
  }
  return out;
}

/**
 * Loads an ONNX model with OpenVINO on the settings' device (CPU, GPU, NPU or AUTO), every setting
 * pinned in the compile config. Outputs come back as float32 like the onnxruntime backend's, so
 * the same agreement check applies; EXECUTION_DEVICES says where it actually runs.
 */
export async function loadWithOpenVino(
  model: string | Uint8Array,
  settings: OpenVinoSettings,
  options: OpenVinoLoadOptions = {},
): Promise<OpenVinoModel> {
  const label = typeof model === 'string' ? model : 'the model';
  const deviceName = OPENVINO_DEVICE_NAMES[settings.device];
  const { addon, runtime } = await loadOpenVinoAddon(options.load);
  const core: OvCore = new addon.Core();
  const start = performance.now();
  let read: OvModel;
  try {
    // A path lets OpenVINO find external weight files next to the model.
    read = typeof model === 'string' ? await core.readModel(model) : await core.readModel(model);
  } catch (error) {
    throw new Error(`${label}: OpenVINO could not read it (${ovReason(error)})`, { cause: error });
  }
  const specs = onnxTensorSpecs(typeof model === 'string' ? new Uint8Array(await readFile(model)) : model, label);
  const shapes = options.shapesFor?.(specs.inputs);
  const reshape = deviceName === 'NPU' ? reshapeForNpu(read, shapes) : { reshapedTo: null, failure: null };
  const compileStart = performance.now();
  let compiled: OvCompiledModel;
  try {
    compiled = await core.compileModel(read, deviceName, compileConfig(settings));
  } catch (error) {
    const dynamic = dynamicInputs(read);
    const why =
      deviceName === 'NPU' && dynamic.length > 0
        ? `; the NPU needs static shapes and ${reshape.failure ?? `inputs ${dynamic.join(', ')} are dynamic (give sizes with --dims)`}`
        : '';
    throw new Error(`${label}: OpenVINO could not compile it for ${deviceName}: ${ovReason(error)}${why}`, {
      cause: error,
    });
  }
  const compileMs = performance.now() - compileStart;
  const loadMs = performance.now() - start;
  const props = properties(compiled);
  const requests = settings.requests > 0 ? settings.requests : Number(props.OPTIMAL_NUMBER_OF_INFER_REQUESTS) || 1;
  const pool: OvInferRequest[] = Array.from({ length: requests }, () => compiled.createInferRequest());
  // Tensors are built once per feeds object, so a timed sample measures inference, not copying.
  const tensorCache = new WeakMap<Record<string, Feed>, Record<string, OvTensor>>();
  const tensorsFor = (feeds: Record<string, Feed>) => {
    let tensors = tensorCache.get(feeds);
    if (!tensors) {
      tensors = toOvTensors(addon, feeds);
      tensorCache.set(feeds, tensors);
    }
    return tensors;
  };
  return {
    ...specs,
    loadMs,
    compileMs,
    reshapedTo: reshape.reshapedTo,
    properties: props,
    requests,
    runtime,
    execution: () =>
      executionVerdict(
        settings.device,
        parseExecutionDevices(compiled.getProperty('EXECUTION_DEVICES')),
        core.getAvailableDevices(),
      ),
    async run(feeds) {
      const results = await pool[0]!.inferAsync(tensorsFor(feeds));
      const out: Record<string, Float32Array> = {};
      for (const [name, tensor] of Object.entries(results)) out[name] = ovTensorToFloat32(tensor);
      return out;
    },
    async runAll(feeds) {
      const tensors = tensorsFor(feeds);
      await Promise.all(pool.map((request) => request.inferAsync(tensors)));
    },
    // openvino-node frees the compiled model and its requests when they are collected.
    dispose: async () => {
      pool.length = 0;
    },
  };
}
