import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../../../../src/main/core/inference/models/catalog';
import { onnx } from '../../../../../../src/main/core/inference/models/onnx';
import { MODEL_IDS } from '../../../../../../src/main/core/inference/models/types';

const INTEGER_KERNELS = ['QLinearConv', 'QGemm', 'QLinearMatMul'];
const FLOAT_HEAVY_OPS = ['Conv', 'Gemm', 'FusedConv', 'FusedGemm'];

describe('INT8 models run as integer kernels', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  for (const id of MODEL_IDS) {
    it(`onnxruntime fuses ${id}-int8's QDQ node units`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'tunebench-qdq-'));
      dirs.push(dir);
      const optimized = path.join(dir, 'optimized.onnx');
      // Extended (not all) optimisations: QDQ fusion, without layout changes that depend on this CPU.
      await ort.InferenceSession.create(buildModel(id, 'int8').bytes, {
        graphOptimizationLevel: 'extended',
        optimizedModelFilePath: optimized,
      });
      const ops = onnx.ModelProto.decode(await readFile(optimized)).graph?.node?.map((n) => n.opType ?? '') ?? [];
      expect(ops.filter((op) => INTEGER_KERNELS.includes(op)).length).toBeGreaterThan(0);
      expect(ops.filter((op) => FLOAT_HEAVY_OPS.includes(op))).toEqual([]);
    });
  }
});
