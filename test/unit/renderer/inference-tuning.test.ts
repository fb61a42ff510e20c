import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TuningResults } from '../../../src/renderer/src/pages/benchmarks/InferenceTuning';
import type { MethodOutput } from '../../../src/shared/contract';

type TuneResult = MethodOutput<'bench.tuning'>;

const DEFAULTS = {
  device: 'cpu',
  intraOpThreads: 0,
  interOpThreads: 0,
  graphOptimization: 'all',
  executionMode: 'sequential',
  memoryArena: true,
  precision: 'fp32',
  batch: 1,
} as const;
const WINNER = { ...DEFAULTS, intraOpThreads: 1 };
type Gain = NonNullable<TuneResult['best']['latency']>['gain'];
const figure = (median: number, n: number): Gain['best'] => ({
  median,
  spread: [median * 0.99, median * 1.01],
  spreadKind: '95% CI of the median',
  n,
});
const measurement: NonNullable<TuneResult['candidates'][number]['measurement']> = {
  n: 30,
  p50Ms: 0.3,
  p50CiMs: [0.29, 0.31],
  throughput: 3300,
  throughputIqr: [3200, 3400],
  peakRssMiB: null,
  budgetMs: 250,
  warnings: [],
};

function result(gain: Partial<Gain>): TuneResult {
  return {
    format: 'tunebench-inference-tuning',
    version: 1,
    model: 'builtin:mlp',
    createdAt: '2025-01-01T00:00:00.000Z',
    budgetSeconds: 30,
    elapsedSeconds: 29,
    objectives: ['latency'],
    method: 'successive halving',
    space: {
      devices: ['cpu'],
      precisions: ['fp32'],
      intraOpThreads: [1, 2],
      interOpThreads: [1, 2],
      graphOptimization: ['all'],
      executionMode: ['sequential'],
      batches: { latency: [1], throughput: [1] },
      size: { latency: 5 },
    },
    defaults: DEFAULTS,
    best: {
      latency: {
        objective: 'latency',
        key: 'winner',
        candidate: WINNER,
        modelPath: '/m/mlp-fp32.onnx',
        measurement,
        defaultKey: 'defaults',
        gain: {
          metric: 'p50 latency',
          unit: 'ms',
          best: figure(0.667, 60),
          defaults: figure(1, 58),
          factor: 1.5,
          relativeChange: -1 / 3,
          relativeChangeCi: [-0.34, -0.32],
          pValue: 0.001,
          verdict: 'better',
          ...gain,
        },
        snippets: { javascript: '// js', python: '# py' },
      },
    },
    candidates: [],
    notes: [],
  };
}

const html = (r: TuneResult) => renderToStaticMarkup(createElement(TuningResults, { result: r }));

describe('TuningResults', () => {
  it('says the gain comes from a separate A/B after the search, and labels what the search saw', () => {
    const text = html(
      result({
        basis: 'confirmation A/B',
        confirmation: { rounds: 2, budgetMsPerRound: 125 },
        selection: { best: figure(0.333, 30), defaults: figure(1, 30), factor: 3, relativeChange: -2 / 3 },
      }),
    );
    expect(text).toContain(
      'Gain measured in a separate interleaved A/B after the search (n = 60/58 winner/defaults, 2 alternating rounds per side), not on the samples that chose the winner.',
    );
    expect(text).toContain(
      'What the search saw in the round that chose the winner: 3.00× (0.333 vs 1.00 ms, n=30/30).',
    );
  });

  it('says when the defaults won, and when a gain was never confirmed', () => {
    expect(html(result({ basis: 'selection round', confirmation: null, verdict: 'the defaults were best' }))).toContain(
      'The defaults won the search: there is no gain to confirm.',
    );
    // A result written before the confirmation existed has no basis.
    expect(html(result({}))).toContain('Gain measured on the samples that chose the winner (no confirmation A/B)');
  });
});
