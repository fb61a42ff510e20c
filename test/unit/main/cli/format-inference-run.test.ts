import { describe, expect, it } from 'vitest';
import { formatInferenceRun } from '../../../../src/main/cli/format-inference-run';
import type { BenchmarkResult } from '../../../../src/shared/schemas/bench';
import { noisySamples, result, run } from '../core/report/html/fixtures';

function infer(device: string, batch: number, extras: BenchmarkResult['extras']): BenchmarkResult {
  return {
    ...result(
      `infer-mlp-fp32-${device}-b${batch}`,
      `MLP on ${device}, batch ${batch}`,
      { modelPath: '/m/mlp-fp32.onnx', precision: 'fp32', device, batch },
      'ms',
      'lower-is-better',
      noisySamples(1, 12, batch),
    ),
    extras,
  };
}

describe('formatInferenceRun (bench inference, text output)', () => {
  it('says the OpenVINO version and module once per run, not in every row', () => {
    const extras = {
      'execution devices': 'CPU',
      'OpenVINO version': '2026.4.0',
      'OpenVINO module': '/home/me/openvino/bin/index.js',
      'custom OpenVINO module': 'TUNEBENCH_OPENVINO_MODULE',
    };
    const text = formatInferenceRun(
      run(1, [infer('openvino-cpu', 1, extras), infer('openvino-cpu', 8, extras), infer('cpu', 1, {})], {
        kind: 'inference',
        name: 'Inference',
      }),
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Run 1: Inference — completed/);
    expect(lines[1]).toBe(
      'OpenVINO 2026.4.0 from /home/me/openvino/bin/index.js (custom OpenVINO module, set by TUNEBENCH_OPENVINO_MODULE)',
    );
    expect(text.split('OpenVINO 2026.4.0').length - 1).toBe(1);
    expect(text).not.toContain('OpenVINO module /home');
    expect(
      lines.filter((l) => l.startsWith('MLP on openvino-cpu')).every((l) => l.includes('execution devices CPU')),
    ).toBe(true);
  });

  it('the package: no custom note; a run without OpenVINO is formatted as before', () => {
    const text = formatInferenceRun(
      run(2, [
        infer('openvino-npu', 1, {
          'OpenVINO version': '2026.4.0',
          'OpenVINO module': '/app/node_modules/openvino-node/lib/index.js',
        }),
      ]),
    );
    expect(text.split('\n')[1]).toBe('OpenVINO 2026.4.0 from /app/node_modules/openvino-node/lib/index.js');
    const plain = run(3, [infer('cpu', 1, { throughput: '10 items/s' })]);
    expect(formatInferenceRun(plain)).not.toContain('OpenVINO');
    expect(formatInferenceRun(plain).split('\n')[1]).toMatch(/^benchmark\s+median/);
  });
});
