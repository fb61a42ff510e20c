import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../../src/shared/contract';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());
const FAKE = fileURLToPath(new URL('../../helpers/fake-openvino.mjs', import.meta.url));
const ARGS = ['bench', 'inference', '--model', 'builtin:mlp', '--device', 'openvino', '--level', 'basic', '--json'];

describe('tunebench bench inference on OpenVINO (stand-in addon, real onnxruntime underneath)', () => {
  it('with TUNEBENCH_OPENVINO_MODULE: latency, throughput, agreement and execution devices', async () => {
    const result = await runCli(ARGS, { TUNEBENCH_HOME: tempDir(), TUNEBENCH_OPENVINO_MODULE: FAKE }, 240_000);
    expect(result.stderr).not.toMatch(/not run/);
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.results).toHaveLength(1);
    const r = run.results[0]!;
    expect(r.id).toBe('infer-mlp-fp32-openvino-cpu-b1');
    expect(r.summary.n).toBeGreaterThanOrEqual(30);
    expect(Number(r.extras['load ms'])).toBeGreaterThan(0);
    expect(String(r.extras.throughput)).toMatch(/items\/s$/);
    expect(Number(r.extras['cosine vs CPU FP32'])).toBe(1);
    expect(r.extras['execution devices']).toBe('CPU');
    expect(String(r.extras.settings)).toMatch(/^openvino-cpu \(CPU\), hint LATENCY/);
    // Which module measured it: the stand-in's own version, its path, and the custom-module flag.
    expect(r.extras['OpenVINO version']).toBe('fake-openvino (onnxruntime-node on the CPU)');
    expect(r.extras['OpenVINO module']).toBe(FAKE);
    expect(r.extras['custom OpenVINO module']).toBe('TUNEBENCH_OPENVINO_MODULE');
    // A busy shared CI box legitimately adds "machine busy"; what must be absent is a
    // placement or fallback warning.
    expect(r.warnings.filter((w) => !w.startsWith('machine busy'))).toEqual([]);
  }, 300_000);

  it('bench npu runs on the NPU when OpenVINO lists one, reshaping the dynamic batch', async () => {
    const result = await runCli(
      ['bench', 'npu', '--model', 'builtin:mlp', '--json'],
      { TUNEBENCH_HOME: tempDir(), TUNEBENCH_OPENVINO_MODULE: FAKE, TUNEBENCH_FAKE_OPENVINO_DEVICES: 'CPU,NPU' },
      240_000,
    );
    expect(result.code).toBe(0);
    const r = RunSchema.parse(JSON.parse(result.stdout)).results[0]!;
    expect(r.params.device).toBe('openvino-npu');
    expect(String(r.extras.reshaped)).toMatch(/^reshaped to static shapes for the NPU: \w+=1x\d+$/);
    expect(r.extras['execution devices']).toBe('NPU');
  }, 300_000);

  it('--tune searches the OpenVINO hint and requests in flight next to onnxruntime, with OpenVINO snippets', async () => {
    const result = await runCli(
      [
        'bench',
        'inference',
        '--tune',
        '--model',
        'builtin:mlp',
        '--device',
        'cpu,openvino-cpu',
        '--precision',
        'fp32',
        '--objective',
        'throughput',
        '--tune-budget',
        '10',
        '--json',
      ],
      { TUNEBENCH_HOME: tempDir(), TUNEBENCH_OPENVINO_MODULE: FAKE },
      240_000,
    );
    expect(result.stderr).not.toMatch(/not tuned on/);
    expect(result.code).toBe(0);
    const tuning = apiMethods['bench.tuning'].output.parse(JSON.parse(result.stdout));
    expect(tuning.space.devices).toEqual(['cpu', 'openvino-cpu']);
    expect(tuning.space.openvino).toEqual({
      hints: ['latency', 'throughput'],
      requests: { latency: [1], throughput: [1, 2, 4] },
    });
    const openvino = tuning.candidates.filter((c) => c.candidate.device === 'openvino-cpu');
    expect(openvino.length).toBeGreaterThan(0);
    for (const c of openvino) expect(c.key).toMatch(/^openvino-cpu\/fp32\/b\d+\/hint-(latency|throughput)\/r[124]$/);
    // Measured for real (stand-in over onnxruntime): throughput counts batch × requests items per run.
    const measured = openvino.find((c) => c.measurement !== null && c.error === null)!;
    const { batch, openvino: knobs } = measured.candidate;
    const perRun = batch * knobs!.requests;
    expect(measured.measurement!.throughput / ((perRun * 1000) / measured.measurement!.p50Ms)).toBeCloseTo(1, 1);
    const best = tuning.best.throughput!;
    const expectedLibrary = best.candidate.openvino ? 'openvino-node' : 'onnxruntime-node';
    expect(best.snippets.javascript).toContain(expectedLibrary);
  }, 300_000);

  it('without the runtime it says why it cannot run', async () => {
    const result = await runCli(ARGS, { TUNEBENCH_HOME: tempDir(), TUNEBENCH_OPENVINO_MODULE: '' }, 120_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing to run: openvino-cpu: OpenVINO runtime not installed: npm i openvino-node/);
    const npu = await runCli(['bench', 'npu'], { TUNEBENCH_HOME: tempDir(), TUNEBENCH_OPENVINO_MODULE: '' }, 60_000);
    expect(npu.code).toBe(3);
    expect(npu.stdout).toMatch(/OpenVINO runtime not installed: npm i openvino-node/);
  }, 300_000);
});
