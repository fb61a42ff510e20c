import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../../../src/main/core/inference/models/catalog';
import { MODEL_IDS, type Precision } from '../../../../../../src/main/core/inference/models/types';
import { cosineSimilarity, runOnce } from './session';

/*
 * Output agreement with FP32 on the same seeded batch of 4. Thresholds:
 * - FP16: float16 keeps ~11 significant bits, a relative error of ~5e-4 per op; measured ≥ 0.9997 here,
 *   so 0.999 leaves room for other CPUs' kernels while still catching a wrong cast or weight.
 * - INT8: 8-bit activations with fixed (uncalibrated) ranges on random-weight networks, which amplify
 *   perturbations layer after layer (MobileNet's 27 convolutions without residuals most): measured
 *   ≥ 0.98 (MobileNet) and ≥ 0.999 elsewhere; 0.97 is the floor, above the 0.95 usually accepted for INT8.
 */
const FLOOR: Record<Exclude<Precision, 'fp32'>, number> = { fp16: 0.999, int8: 0.97 };

async function output(id: (typeof MODEL_IDS)[number], precision: Precision): Promise<Float32Array> {
  const { bytes, info } = buildModel(id, precision);
  const session = await ort.InferenceSession.create(bytes);
  try {
    return (await runOnce(session, info, 4)).data;
  } finally {
    await session.release();
  }
}

describe('FP16 and INT8 agree with FP32', () => {
  for (const id of MODEL_IDS) {
    it(`${id}`, async () => {
      const reference = await output(id, 'fp32');
      const measured: string[] = [];
      for (const precision of ['fp16', 'int8'] as const) {
        const cosine = cosineSimilarity(await output(id, precision), reference);
        measured.push(`${precision} ${cosine.toFixed(5)}`);
        expect(cosine, `${id} ${precision}`).toBeGreaterThanOrEqual(FLOOR[precision]);
      }
      console.info(`cosine similarity with fp32, ${id}: ${measured.join(', ')}`);
    });
  }
});
