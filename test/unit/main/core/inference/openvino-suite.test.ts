import { describe, expect, it } from 'vitest';
import { inferenceSpecs, type ModelEntry } from '../../../../../src/main/core/inference/suite';
import type { HardwareProfile } from '../../../../../src/shared/schemas/hardware';

const mlp: ModelEntry = {
  id: 'builtin:mlp',
  title: 'MLP',
  path: '/models/mlp-fp32.onnx',
  precision: 'fp32',
  referencePath: '/models/mlp-fp32.onnx',
  flopsPerSample: 1000,
};

function profile(devices: Array<{ name: string; kind: 'cpu' | 'gpu' | 'npu' | 'other' }>, present = true) {
  return {
    onnxruntime: { status: 'present', reason: '', version: '1.30.0', providers: [] },
    npu: {
      status: 'present',
      reason: '',
      openvino: present
        ? {
            status: 'present',
            reason: '',
            version: '2026.4.0',
            devices: devices.map((d) => ({ ...d, fullName: null })),
          }
        : {
            status: 'absent',
            reason: 'OpenVINO runtime not installed: npm i openvino-node',
            version: null,
            devices: [],
          },
      accel: { status: 'absent', reason: '', devices: [] },
    },
  } as unknown as Pick<HardwareProfile, 'onnxruntime' | 'npu'>;
}

describe('inferenceSpecs for OpenVINO devices', () => {
  it('makes inference.openvino specs with the hint, streams and requests as parameters', () => {
    const { specs, skipped } = inferenceSpecs(
      [mlp],
      ['openvino-cpu', 'openvino-npu', 'openvino-auto'],
      [1],
      profile([{ name: 'CPU', kind: 'cpu' }]),
      { openvino: { hint: 'throughput', streams: 2 } },
    );
    expect(skipped).toEqual(['openvino-npu: OpenVINO 2026.4.0 lists no NPU device (it lists CPU)']);
    expect(specs.map((s) => [s.kind, s.id])).toEqual([
      ['inference.openvino', 'infer-mlp-fp32-openvino-cpu-b1-thr-s2'],
      ['inference.openvino', 'infer-mlp-fp32-openvino-auto-b1-thr-s2'],
    ]);
    expect(specs[0]!.params).toMatchObject({
      device: 'openvino-cpu',
      ovHint: 'throughput',
      ovStreams: '2',
      ovRequests: 0,
    });
    expect(specs[0]!.title).toBe(
      'MLP, FP32 on openvino-cpu, batch 1, hint throughput, 2 streams, optimal infer requests',
    );
  });

  it('turns --parallel N into N InferRequests in flight, unless --ov-requests set them', () => {
    const cpu = profile([{ name: 'CPU', kind: 'cpu' }]);
    const { specs, skipped } = inferenceSpecs([mlp], ['openvino-cpu'], [1], cpu, { parallel: [1, 4] });
    expect(skipped).toEqual([]);
    expect(specs.map((s) => s.id)).toEqual(['infer-mlp-fp32-openvino-cpu-b1', 'infer-mlp-fp32-openvino-cpu-b1-r4']);
    expect(specs[0]!.params).toMatchObject({ ovHint: 'latency', ovRequests: 1 });
    expect(specs[1]!.params).toMatchObject({ ovHint: 'latency', ovRequests: 4 });
    expect(specs[1]!.title).toBe('MLP, FP32 on openvino-cpu, batch 1, hint latency, 4 infer requests');

    const pinned = inferenceSpecs([mlp], ['openvino-cpu'], [1], cpu, {
      parallel: [1, 4],
      openvino: { requests: 2 },
    });
    expect(pinned.specs.map((s) => s.id)).toEqual(['infer-mlp-fp32-openvino-cpu-b1-r2']);
    expect(pinned.skipped).toEqual(['openvino-cpu: --parallel left out, --ov-requests 2 sets the requests in flight']);
  });

  it('keeps the not-installed reason when OpenVINO is absent', () => {
    const { specs, skipped } = inferenceSpecs([mlp], ['openvino-npu'], [1], profile([], false));
    expect(specs).toEqual([]);
    expect(skipped).toEqual(['openvino-npu: OpenVINO runtime not installed: npm i openvino-node']);
  });
});
