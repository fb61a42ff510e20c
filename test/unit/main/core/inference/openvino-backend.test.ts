import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenVinoLoader } from '../../../../../src/main/core/hardware/npu/openvino';
import {
  loadOpenVinoPackage,
  OPENVINO_MODULE_ENV,
  OPENVINO_NOT_INSTALLED,
} from '../../../../../src/main/core/hardware/npu/openvino';
import { loadWithOnnxRuntime } from '../../../../../src/main/core/inference/backends/onnxruntime';
import { loadWithOpenVino } from '../../../../../src/main/core/inference/backends/openvino';
import { agreement } from '../../../../../src/main/core/inference/agreement';
import { feedsFor, planInputs } from '../../../../../src/main/core/inference/inputs';
import { writeBuiltinModels } from '../../../../../src/main/core/inference/models';
import { DEFAULT_OPENVINO, DEFAULT_SESSION, type OpenVinoSettings } from '../../../../../src/main/core/inference/types';
import { inferenceOpenVinoWith } from '../../../../../src/main/core/bench/suites/inference-openvino';
import { isGroup } from '../../../../../src/main/core/bench/worker/benchmark';
import { OPENVINO_EXTRAS, openVinoRuntimeOf } from '../../../../../src/shared/openvino-extras';
import { BenchmarkResultSchema } from '../../../../../src/shared/schemas/bench';
import {
  createFakeOpenVino,
  NPU_DYNAMIC_SHAPE_ERROR,
  type FakeOpenVinoOptions,
} from '../../../../helpers/fake-openvino.mjs';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();
let mlp = '';
let modelsDir = '';
beforeAll(async () => {
  // Kept for the whole file (the temp-dir helper empties its folders after each test).
  modelsDir = mkdtempSync(join(tmpdir(), 'tunebench-openvino-'));
  const dir = modelsDir;
  const written = await writeBuiltinModels(dir);
  mlp = join(dir, written.find((m) => m.id === 'mlp' && m.precision === 'fp32')!.fileName);
}, 120_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

/** The stand-in as a user's local build would be given: a module path in TUNEBENCH_OPENVINO_MODULE. */
const FAKE_MODULE = fileURLToPath(new URL('../../../../helpers/fake-openvino.mjs', import.meta.url));
const savedModuleEnv = process.env[OPENVINO_MODULE_ENV];
afterEach(() => {
  if (savedModuleEnv === undefined) delete process.env[OPENVINO_MODULE_ENV];
  else process.env[OPENVINO_MODULE_ENV] = savedModuleEnv;
});

const fake =
  (options: FakeOpenVinoOptions = {}): OpenVinoLoader =>
  async () => ({ module: createFakeOpenVino(options), version: 'fake' });
const settings = (device: OpenVinoSettings['device'], extra: Partial<OpenVinoSettings> = {}): OpenVinoSettings => ({
  ...DEFAULT_OPENVINO,
  device,
  ...extra,
});

describe('loadWithOpenVino (stand-in addon running real onnxruntime)', () => {
  it('runs on CPU, agrees with onnxruntime, pins the hint and reports where it ran', async () => {
    const model = await loadWithOpenVino(mlp, settings('openvino-cpu'), { load: fake() });
    expect(model.inputs[0]).toMatchObject({ name: expect.any(String), type: 'float32' });
    expect(model.inputs[0]!.shape[0]).toBe('batch');
    const feeds = feedsFor(planInputs(model.inputs, 2));
    const outputs = await model.run(feeds);
    const reference = await loadWithOnnxRuntime(mlp, { ...DEFAULT_SESSION, device: 'cpu' });
    const expected = await reference.run(feeds);
    const name = Object.keys(expected)[0]!;
    expect(agreement(expected[name]!, outputs[name]!).cosineSimilarity).toBeGreaterThan(0.99999);
    expect(model.execution()).toMatchObject({ devices: ['CPU'], fellBack: false });
    expect(model.properties.PERFORMANCE_HINT).toBe('LATENCY');
    expect(model.requests).toBe(1);
    expect(model.reshapedTo).toBeNull();
    await reference.dispose();
  });

  it('throughput with the optimal number of requests keeps them all in flight', async () => {
    const model = await loadWithOpenVino(mlp, settings('openvino-cpu', { hint: 'throughput', requests: 0 }), {
      load: fake(),
    });
    expect(model.properties.PERFORMANCE_HINT).toBe('THROUGHPUT');
    expect(model.requests).toBe(4); // the stand-in's OPTIMAL_NUMBER_OF_INFER_REQUESTS for THROUGHPUT
    await model.runAll(feedsFor(planInputs(model.inputs, 1)));
  });

  it('flags AUTO falling back to the CPU (recorded EXECUTION_DEVICES) when a GPU is listed', async () => {
    const model = await loadWithOpenVino(mlp, settings('openvino-auto'), { load: fake({ devices: ['CPU', 'GPU.0'] }) });
    const verdict = model.execution();
    expect(verdict.fellBack).toBe(true);
    expect(verdict.message).toBe('AUTO ran on the CPU although GPU.0 is available: EXECUTION_DEVICES CPU');
    const helper = await loadWithOpenVino(mlp, settings('openvino-auto'), {
      load: fake({ devices: ['CPU', 'NPU'], auto: 'helper' }),
    });
    expect(helper.execution().message).toMatch(/^AUTO ran on the CPU \(its CPU helper.*EXECUTION_DEVICES \(CPU\)$/);
    const cpuOnly = await loadWithOpenVino(mlp, settings('openvino-auto'), { load: fake() });
    expect(cpuOnly.execution()).toMatchObject({ fellBack: false, message: 'AUTO chose CPU' });
  });

  it('reshapes a dynamic-batch model to the feed shapes for the NPU, and says so', async () => {
    const model = await loadWithOpenVino(mlp, settings('openvino-npu'), {
      load: fake({ devices: ['CPU', 'NPU'] }),
      shapesFor: (inputs) => Object.fromEntries(planInputs(inputs, 3).map((p) => [p.name, p.dims])),
    });
    expect(model.reshapedTo).toMatch(/^\w+=3x\d+$/);
    expect(model.execution()).toMatchObject({ devices: ['NPU'], fellBack: false });
    const outputs = await model.run(feedsFor(planInputs(model.inputs, 3)));
    expect(Object.values(outputs)[0]!.length).toBeGreaterThan(0);
  });

  it("surfaces the NPU plugin's recorded dynamic-shape error when the reshape is impossible", async () => {
    const error = await loadWithOpenVino(mlp, settings('openvino-npu'), {
      load: fake({ devices: ['CPU', 'NPU'], reshape: 'fails' }),
      shapesFor: (inputs) => Object.fromEntries(planInputs(inputs, 1).map((p) => [p.name, p.dims])),
    }).catch((e: Error) => e);
    expect(NPU_DYNAMIC_SHAPE_ERROR).toMatch(/to_shape was called on a dynamic shape\.$/);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${mlp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: OpenVINO could not compile it for NPU: to_shape was called on a dynamic shape\\.; the NPU needs static shapes and reshaping to \\w+=1x\\d+ failed: fake OpenVINO: reshape refused`,
      ),
    );
  });

  it('without the runtime: the not-installed message with the remedy', async () => {
    const missing: OpenVinoLoader = async () => {
      throw Object.assign(new Error("Cannot find package 'openvino-node'"), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    await expect(loadWithOpenVino(mlp, settings('openvino-cpu'), { load: missing })).rejects.toThrow(
      `${OPENVINO_NOT_INSTALLED} (it needs Node 21+`,
    );
  });

  it('a corrupt .onnx: the error names the file', async () => {
    const corrupt = join(tempDir(), 'corrupt.onnx');
    writeFileSync(corrupt, 'this is not a protobuf');
    await expect(loadWithOpenVino(corrupt, settings('openvino-cpu'), { load: fake() })).rejects.toThrow(
      `${corrupt}: OpenVINO could not read it`,
    );
  });
});

describe('inference.openvino benchmark', () => {
  it('measures on CPU with load, first inference, throughput, agreement, devices and settings', async () => {
    const prepared = await inferenceOpenVinoWith(fake())({
      modelPath: mlp,
      referencePath: mlp,
      precision: 'fp32',
      device: 'openvino-cpu',
      batch: 2,
      ovHint: 'throughput',
      ovStreams: '2',
      ovRequests: 3,
      flopsPerSample: 50_000_000,
    });
    if (isGroup(prepared)) throw new Error('expected one benchmark');
    const ms = await prepared.measure();
    expect(ms).toBeGreaterThan(0);
    const extras = prepared.extras!(ms);
    expect(extras).toMatchObject({
      'cosine vs CPU FP32': 1,
      'infer requests in flight': 3,
      'execution devices': 'CPU',
      settings: 'openvino-cpu (CPU), hint THROUGHPUT, streams 2, threads 0 (default), infer requests 3',
    });
    expect(Number(extras['load ms'])).toBeGreaterThan(0);
    expect(Number(extras['first inference ms'])).toBeGreaterThan(0);
    expect(String(extras.throughput)).toMatch(/items\/s$/);
    expect(Number(extras['GFLOP/s'])).toBeGreaterThan(0);
    expect(prepared.warnings!()).toEqual([]);
    prepared.dispose!();
  });

  it('on the NPU the reshape is in the extras; AUTO on CPU beside a GPU is a warning', async () => {
    const npu = await inferenceOpenVinoWith(fake({ devices: ['CPU', 'NPU'] }))({
      modelPath: mlp,
      device: 'openvino-npu',
    });
    if (isGroup(npu)) throw new Error('expected one benchmark');
    expect(String(npu.extras!(1).reshaped)).toMatch(/^reshaped to static shapes for the NPU: \w+=1x\d+$/);
    const auto = await inferenceOpenVinoWith(fake({ devices: ['CPU', 'GPU.0'] }))({
      modelPath: mlp,
      device: 'openvino-auto',
    });
    if (isGroup(auto)) throw new Error('expected one benchmark');
    expect(auto.warnings!()).toEqual([
      'openvino-auto: AUTO ran on the CPU although GPU.0 is available: EXECUTION_DEVICES CPU',
    ]);
  });

  it('records the runtime version and module path, and flags a module from TUNEBENCH_OPENVINO_MODULE', async () => {
    process.env[OPENVINO_MODULE_ENV] = FAKE_MODULE;
    const loaded = await loadOpenVinoPackage();
    expect(loaded).toMatchObject({ path: FAKE_MODULE, customFrom: OPENVINO_MODULE_ENV });
    // The version the hardware profile shows (npu.openvino.version): the module's getOpenvinoVersion.
    expect(loaded.version).toBe('fake-openvino (onnxruntime-node on the CPU)');

    // The registered factory's loader (no stand-in passed): what the CLI's worker runs.
    const prepared = await inferenceOpenVinoWith()({ modelPath: mlp, device: 'openvino-cpu' });
    if (isGroup(prepared)) throw new Error('expected one benchmark');
    const extras = prepared.extras!(await prepared.measure());
    prepared.dispose!();
    expect(extras).toMatchObject({
      [OPENVINO_EXTRAS.version]: 'fake-openvino (onnxruntime-node on the CPU)',
      [OPENVINO_EXTRAS.module]: FAKE_MODULE,
      [OPENVINO_EXTRAS.custom]: OPENVINO_MODULE_ENV,
    });
    // Stored results keep extras as strings and numbers only.
    expect(BenchmarkResultSchema.shape.extras.parse(extras)).toEqual(extras);
    expect(openVinoRuntimeOf(extras)).toEqual({
      version: 'fake-openvino (onnxruntime-node on the CPU)',
      module: FAKE_MODULE,
      customFrom: OPENVINO_MODULE_ENV,
    });
  });

  it('a loader that names no path or source: version kept, module unknown, no custom flag', async () => {
    const prepared = await inferenceOpenVinoWith(fake())({ modelPath: mlp, device: 'openvino-cpu' });
    if (isGroup(prepared)) throw new Error('expected one benchmark');
    const extras = prepared.extras!(1);
    prepared.dispose!();
    expect(extras[OPENVINO_EXTRAS.version]).toBe('fake');
    expect(extras[OPENVINO_EXTRAS.module]).toBe('unknown');
    expect(extras).not.toHaveProperty(OPENVINO_EXTRAS.custom);
  });
});
