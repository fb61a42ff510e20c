import { InferenceSession, Tensor } from 'onnxruntime-node';
import { float16BitsToFloat32 } from '../models/float16';
import type { Feed, LoadedModel, SessionSettings, TensorSpec } from '../types';

function spec(meta: InferenceSession.ValueMetadata): TensorSpec {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', shape: [] };
  return {
    name: meta.name,
    type: meta.type,
    shape: [...meta.shape].map((d) => (typeof d === 'number' ? d : String(d))),
  };
}

function toFloat32(tensor: Tensor): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return data;
  if (tensor.type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, float16BitsToFloat32);
  if (data instanceof BigInt64Array) return Float32Array.from(data, (v) => Number(v));
  return Float32Array.from(data as ArrayLike<number>);
}

/** The onnxruntime execution provider for a device; undefined when this backend cannot run it. */
export function executionProvider(device: SessionSettings['device']): string | undefined {
  return ({ cpu: 'cpu', cuda: 'cuda', tensorrt: 'tensorrt' } as Record<string, string | undefined>)[device];
}

/**
 * The session options for pinned settings: one builder, so the timed session, the profiling session
 * and the parallel worker threads all run the same configuration.
 */
export function sessionOptions(settings: SessionSettings): InferenceSession.SessionOptions {
  const provider = executionProvider(settings.device);
  if (!provider) throw new Error(`onnxruntime cannot run on ${settings.device}`);
  return {
    executionProviders: [provider],
    intraOpNumThreads: settings.intraOpThreads,
    interOpNumThreads: settings.interOpThreads,
    graphOptimizationLevel: settings.graphOptimization,
    executionMode: settings.executionMode,
    enableCpuMemArena: settings.memoryArena,
  };
}

/** Loads a model into an onnxruntime-node session with every setting pinned. */
export async function loadWithOnnxRuntime(
  model: Uint8Array | string,
  settings: SessionSettings,
  extra: Pick<InferenceSession.SessionOptions, 'enableProfiling' | 'profileFilePrefix'> = {},
): Promise<LoadedModel & { endProfiling(): void }> {
  const options: InferenceSession.SessionOptions = { ...sessionOptions(settings), ...extra };
  const session =
    typeof model === 'string'
      ? await InferenceSession.create(model, options)
      : await InferenceSession.create(model, options);
  return {
    inputs: session.inputMetadata.map(spec),
    outputs: session.outputMetadata.map(spec),
    async run(feeds: Record<string, Feed>) {
      const tensors: Record<string, Tensor> = {};
      for (const [name, feed] of Object.entries(feeds)) {
        tensors[name] = new Tensor(feed.type as Tensor.Type, feed.data as never, feed.dims);
      }
      const results = await session.run(tensors);
      const out: Record<string, Float32Array> = {};
      for (const [name, tensor] of Object.entries(results)) out[name] = toFloat32(tensor);
      return out;
    },
    // onnxruntime-node writes the trace to "<profileFilePrefix>_<timestamp>.json" and returns nothing.
    endProfiling: () => session.endProfiling(),
    dispose: () => session.release(),
  };
}
