import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBuiltinModels } from '../../../src/main/core/inference/models';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench bench inference (real onnxruntime, CPU)', () => {
  it('measures built-in models per precision with load time, first inference, throughput, GFLOP/s and agreement with FP32, and says why CUDA did not run', async () => {
    const result = await runCli(
      [
        'bench',
        'inference',
        '--model',
        'builtin:mlp',
        '--precision',
        'fp32,int8',
        '--batch',
        '1,4',
        '--device',
        'cpu,cuda',
        '--json',
      ],
      { TUNEBENCH_HOME: tempDir() },
      240_000,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/not run: cuda: /);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.kind).toBe('inference');
    expect(run.results).toHaveLength(4);
    for (const r of run.results) {
      expect(r.unit).toBe('ms');
      expect(r.summary.n).toBeGreaterThanOrEqual(30);
      expect(r.summary.p99).toBeGreaterThanOrEqual(r.summary.p90);
      expect(Number(r.extras['load ms'])).toBeGreaterThan(0);
      expect(Number(r.extras['first inference ms'])).toBeGreaterThan(0);
      expect(String(r.extras.throughput)).toMatch(/items\/s$/);
      expect(Number(r.extras['GFLOP/s'])).toBeGreaterThan(0);
    }
    const int8 = run.results.find((r) => r.params.precision === 'int8' && r.params.batch === 1)!;
    expect(Number(int8.extras['cosine vs CPU FP32'])).toBeGreaterThan(0.97);
    expect(int8.warnings.filter((w) => w.startsWith('output disagrees'))).toEqual([]);
    expect(run.warnings.join('\n')).toMatch(/not run: cuda/);
  }, 300_000);

  it("benchmarks a user's .onnx file and refuses missing files and unknown built-ins", async () => {
    const models = tempDir();
    const written = await writeBuiltinModels(models);
    const file = join(models, written.find((m) => m.id === 'mobilenet' && m.precision === 'fp32')!.fileName);
    const home = tempDir();
    const ok = await runCli(['bench', 'inference', '--model', file, '--json'], { TUNEBENCH_HOME: home }, 180_000);
    expect(ok.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(ok.stdout));
    expect(run.results[0]!.title).toMatch(/^mobilenet-fp32\.onnx, FP32 on cpu, batch 1$/);
    expect(Number(run.results[0]!.extras['cosine vs CPU FP32'])).toBe(1);

    const missing = await runCli(['bench', 'inference', '--model', join(models, 'nope.onnx')], {
      TUNEBENCH_HOME: home,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/model file not found: .*nope\.onnx/);
    const corrupt = join(models, 'corrupt.onnx');
    (await import('node:fs')).writeFileSync(corrupt, Buffer.from('this is not a protobuf'));
    // A good and a corrupt model: the good one is measured and printed, the run still exits 1.
    const broken = await runCli(
      ['bench', 'inference', '--model', corrupt, '--model', file, '--level', 'basic'],
      {
        TUNEBENCH_HOME: home,
      },
      120_000,
    );
    expect(broken.stdout).toMatch(/corrupt\.onnx: onnxruntime could not load it/);
    expect(broken.stdout).toMatch(/mobilenet-fp32\.onnx, FP32 on cpu, batch 1/);
    expect(broken.stderr).toMatch(/1 of 2 inference benchmarks failed: corrupt\.onnx/);
    expect(broken.code).toBe(1);
    const unknown = await runCli(['bench', 'inference', '--model', 'builtin:gpt5'], { TUNEBENCH_HOME: home });
    expect(unknown.stderr).toMatch(/unknown built-in model "gpt5": use one of mlp, cnn, mobilenet, transformer or all/);
  }, 300_000);
});
