import * as ort from 'onnxruntime-node';
import { inputDims, randomInput } from '../../../../../../src/main/core/inference/models/random-input';
import type { BuiltinModelInfo } from '../../../../../../src/main/core/inference/models/types';

/** Run a built model once on the seeded input of `batch` samples; returns the output tensor. */
export async function runOnce(session: ort.InferenceSession, info: BuiltinModelInfo, batch: number) {
  const input = new ort.Tensor('float32', randomInput(info, batch), inputDims(info, batch));
  const outputs = await session.run({ [info.input.name]: input });
  const output = outputs[info.output.name];
  if (!output) throw new Error(`${info.fileName}: no output ${info.output.name}`);
  return { dims: [...output.dims], data: output.data as Float32Array };
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += (a[i] as number) * (b[i] as number);
    normA += (a[i] as number) ** 2;
    normB += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(normA * normB);
}
