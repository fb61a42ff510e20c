import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferenceLatency } from '../../../../../../src/main/core/bench/suites/inference';
import { isGroup, type PreparedBenchmark } from '../../../../../../src/main/core/bench/worker/benchmark';
import { inferenceSpecs, type ModelEntry } from '../../../../../../src/main/core/inference/suite';
import { buildModel } from '../../../../../../src/main/core/inference/models';
import { onnx } from '../../../../../../src/main/core/inference/models/onnx';
import { MEMORY_EXTRAS } from '../../../../../../src/shared/inference-extras';
import { useTempDirs } from '../../../../../helpers/temp-dir';

const tempDir = useTempDirs();

function writeMlp(dir: string): string {
  const path = join(dir, 'mlp-fp32.onnx');
  writeFileSync(path, buildModel('mlp', 'fp32').bytes);
  return path;
}

/** The MLP with its batch dimension fixed to 1, as many exported models have. */
function writeFixedBatchMlp(dir: string): string {
  const model = onnx.ModelProto.decode(buildModel('mlp', 'fp32').bytes);
  model.graph!.input![0]!.type!.tensorType!.shape!.dim![0] = onnx.TensorShapeProto.Dimension.create({ dimValue: 1 });
  const path = join(dir, 'mlp-fixed-batch.onnx');
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  return path;
}

async function prepare(params: Record<string, string | number | boolean>): Promise<PreparedBenchmark> {
  const prepared = await inferenceLatency({
    device: 'cpu',
    intraOpThreads: 1,
    interOpThreads: 0,
    graphOptimization: 'all',
    executionMode: 'sequential',
    ...params,
  });
  if (isGroup(prepared)) throw new Error('expected one benchmark');
  return prepared;
}

describe('the inference benchmark with real onnxruntime (in-process)', () => {
  it('reports where the nodes ran, the inference peak RSS read before the checks, and the process peak', async () => {
    const bench = await prepare({ modelPath: writeMlp(tempDir()), batch: 1 });
    try {
      for (let i = 0; i < 5; i += 1) expect(await bench.measure()).toBeGreaterThan(0);
      const extras = bench.extras!(0.1);
      expect(extras['node placement']).toBe('4 nodes: 4 on CPUExecutionProvider');
      const before = extras[MEMORY_EXTRAS.beforeLoad] as number;
      const inference = extras[MEMORY_EXTRAS.throughFirstInference] as number;
      const processPeak = extras[MEMORY_EXTRAS.process] as number;
      // The MLP's weights alone are 16 MiB, and the reference and profiling sessions load it again
      // after the inference's reading: the three readings rise in that order.
      expect(before).toBeGreaterThan(10);
      expect(inference).toBeGreaterThanOrEqual(before);
      expect(processPeak).toBeGreaterThan(before);
      expect(processPeak).toBeGreaterThanOrEqual(inference);
      expect(extras[MEMORY_EXTRAS.model]).toBeCloseTo(inference - before, 0);
      expect(bench.warnings!()).toEqual([]);
    } finally {
      bench.dispose?.();
    }
  });

  it('keeps N requests in flight on N worker threads and counts N × batch items per sample', async () => {
    const modelPath = writeMlp(tempDir());
    const bench = await prepare({ modelPath, batch: 4, parallel: 2, placement: false });
    try {
      const samples: number[] = [];
      for (let i = 0; i < 10; i += 1) samples.push(await bench.measure());
      const median = [...samples].sort((a, b) => a - b)[5]!;
      const extras = bench.extras!(median);
      expect(extras['concurrent requests']).toBe(2);
      expect(extras['sample is']).toMatch(/2 requests in flight at once \(2 worker threads/);
      expect(extras.throughput).toBe(`${((2 * 4 * 1000) / median).toFixed(1)} items/s`);
      expect(extras.settings).toMatch(/, 2 concurrent requests$/);
      expect(extras['node placement']).toBeUndefined();
    } finally {
      bench.dispose?.();
    }
  });

  it('refuses a batch a model with a fixed first dimension cannot take, instead of scaling its throughput', async () => {
    const modelPath = writeFixedBatchMlp(tempDir());
    await expect(prepare({ modelPath, batch: 8, placement: false })).rejects.toThrow(
      /batch 8 asked, but input features has a fixed first dimension of 1: use --batch 1/,
    );
    const ok = await prepare({ modelPath, batch: 1, placement: false });
    ok.dispose?.();
  });

  it('adds one spec per concurrency level, keeping the ids of single-request runs', () => {
    const model: ModelEntry = {
      id: 'builtin:mlp',
      title: 'MLP',
      path: '/m/mlp-fp32.onnx',
      precision: 'fp32',
      referencePath: '/m/mlp-fp32.onnx',
      flopsPerSample: 1,
    };
    const profile = {
      onnxruntime: { status: 'present', reason: '', providers: [{ name: 'cpu', status: 'present', reason: '' }] },
      npu: { openvino: { status: 'absent', reason: '' } },
    } as unknown as Parameters<typeof inferenceSpecs>[3];
    const { specs } = inferenceSpecs([model], ['cpu'], [1], profile, { parallel: [1, 4] });
    expect(specs.map((s) => s.id)).toEqual(['infer-mlp-fp32-cpu-b1', 'infer-mlp-fp32-cpu-b1-p4']);
    expect(specs[0]!.params.parallel).toBeUndefined();
    expect(specs[1]!.params.parallel).toBe(4);
    expect(specs[1]!.title).toMatch(/batch 1, 4 concurrent requests$/);
    expect(specs[0]!.params.memoryArena).toBe(true);
    // The arena off is another benchmark: its own id, so it is never compared as the same one.
    const off = inferenceSpecs([model], ['cpu'], [1], profile, { memoryArena: false }).specs[0]!;
    expect(off.id).toBe('infer-mlp-fp32-cpu-b1-noarena');
    expect(off.params.memoryArena).toBe(false);
    expect(off.title).toMatch(/batch 1, no memory arena$/);
  });

  it('runs with the memory arena off when asked, and records it in the settings', async () => {
    const bench = await prepare({ modelPath: writeMlp(tempDir()), batch: 1, placement: false, memoryArena: false });
    try {
      expect(await bench.measure()).toBeGreaterThan(0);
      expect(bench.extras!(0.1).settings).toMatch(/, no memory arena$/);
    } finally {
      bench.dispose?.();
    }
  });
});
