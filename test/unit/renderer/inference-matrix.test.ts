import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InferenceMatrix } from '../../../src/renderer/src/pages/benchmarks/InferenceMatrix';
import { RunSchema, type BenchmarkResult, type Run } from '../../../src/shared/schemas/bench';

const PATH = '/home/me/openvino/bin/index.js';

function infer(device: string, batch: number, extras: BenchmarkResult['extras']): BenchmarkResult {
  return {
    id: `infer-mlp-fp32-${device}-b${batch}`,
    title: `MLP on ${device}, batch ${batch}`,
    params: { modelPath: '/m/mlp-fp32.onnx', precision: 'fp32', device, batch },
    unit: 'ms',
    direction: 'lower-is-better',
    samples: [1, 1.1, 0.9],
    summary: {
      n: 3,
      median: 1,
      mean: 1,
      stddev: 0.1,
      mad: 0.1,
      min: 0.9,
      max: 1.1,
      p90: 1.1,
      p99: 1.1,
      medianCi: null,
      relativeHalfWidth: null,
      outliers: { method: 'modified-z-score (MAD) and Tukey fences', mild: [], severe: [], modifiedZ: [] },
    },
    plan: { warmupRuns: 1, minSamples: 3, maxSamples: 10, budgetMs: 1000, targetRelativeHalfWidth: 0.03 },
    stopReason: 'max-samples',
    warnings: [],
    extras,
  };
}

function inferenceRun(results: BenchmarkResult[]): Run {
  return RunSchema.parse({
    id: 1,
    kind: 'inference',
    name: 'Inference',
    fingerprint: 'f00d',
    startedAt: '2026-11-22T02:00:00.000Z',
    finishedAt: '2026-11-22T02:01:00.000Z',
    status: 'completed',
    error: null,
    settings: { preset: 'inference', level: 'basic', options: {} },
    results,
    failures: [],
    warnings: [],
    telemetry: null,
  });
}

const render = (results: BenchmarkResult[]) =>
  renderToStaticMarkup(createElement(InferenceMatrix, { run: inferenceRun(results) }));

describe('InferenceMatrix: the OpenVINO module', () => {
  it('shows the version once and a "custom OpenVINO module" badge with the path in its title', () => {
    const extras = {
      'execution devices': 'CPU',
      'OpenVINO version': '2026.4.0',
      'OpenVINO module': PATH,
      'custom OpenVINO module': 'TUNEBENCH_OPENVINO_MODULE',
    };
    const html = render([infer('openvino-cpu', 1, extras), infer('openvino-cpu', 8, extras)]);
    expect(html.split('data-openvino-runtime').length - 1).toBe(1);
    expect(html).toContain(`<span title="${PATH}">OpenVINO 2026.4.0</span>`);
    expect(html).toMatch(
      new RegExp(
        `<span class="badge badge-unknown" title="${PATH} \\(set by TUNEBENCH_OPENVINO_MODULE\\)" data-custom-openvino-module="">custom OpenVINO module</span>`,
      ),
    );
    expect(html).toContain('aria-label="Inference: models by precision, device and batch"');
  });

  it('the openvino-node package: the version without the badge; onnxruntime rows: neither', () => {
    const packaged = render([
      infer('openvino-cpu', 1, {
        'OpenVINO version': '2026.4.0',
        'OpenVINO module': '/app/node_modules/openvino-node/lib/index.js',
      }),
    ]);
    expect(packaged).toContain('OpenVINO 2026.4.0');
    expect(packaged).not.toContain('custom OpenVINO module');
    const onnxruntime = render([infer('cpu', 1, { throughput: '1000 items/s' })]);
    expect(onnxruntime).not.toContain('OpenVINO');
  });
});
