import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildModel, builtinModels } from '../../../../../../src/main/core/inference/models/catalog';
import { runOnce } from './session';

describe('built-in models in onnxruntime (CPU)', () => {
  for (const { id, precision, fileName } of builtinModels()) {
    it(`${fileName} loads and runs at batch 1 and 4 with the declared output shape`, async () => {
      const { bytes, info } = buildModel(id, precision);
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
      try {
        expect(session.inputNames).toEqual([info.input.name]);
        expect(session.outputNames).toEqual([info.output.name]);
        const one = await runOnce(session, info, 1);
        const four = await runOnce(session, info, 4);
        expect(one.dims).toEqual(info.output.shape.map((d) => (d === 'batch' ? 1 : d)));
        expect(four.dims).toEqual(info.output.shape.map((d) => (d === 'batch' ? 4 : d)));
        expect(four.data.every(Number.isFinite)).toBe(true);
        // The first sample of the batch-4 feed is the batch-1 feed: the symbolic batch really is a batch.
        const perSample = one.data.length;
        let maxDiff = 0;
        let maxAbs = 0;
        for (let i = 0; i < perSample; i += 1) {
          maxDiff = Math.max(maxDiff, Math.abs((four.data[i] as number) - (one.data[i] as number)));
          maxAbs = Math.max(maxAbs, Math.abs(one.data[i] as number));
        }
        expect(maxDiff).toBeLessThanOrEqual(1e-3 * maxAbs);
        // …and the other samples differ from it.
        expect(four.data[perSample]).not.toBe(four.data[0]);
      } finally {
        await session.release();
      }
    });
  }
});
