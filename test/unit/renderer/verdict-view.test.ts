import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VerdictView } from '../../../src/renderer/src/pages/recommendations/VerdictView';
import type { AppliedChange, MetricVerdict } from '../../../src/shared/schemas/tune';

/** A change whose clean builds stopped at n = 3 per side, so the test could never reach α. */
const REASON = '3 vs 3 values cannot reach p < 0.05 (the smallest possible p is 0.10)';
const BUSY = 'build: cargo build --release: machine busy: other processes used 40 % of the CPU during the run';

const undecided: MetricVerdict = {
  metric: 'build-time',
  title: 'build: cargo build --release',
  unit: 'ms',
  baseline: { median: 100_000, n: 3, low: 99_000, high: 101_000 },
  candidate: { median: 80_000, n: 3, low: 79_000, high: 81_000 },
  change: -0.2,
  ciLow: -0.22,
  ciHigh: -0.18,
  pValue: 0.1,
  verdict: 'inconclusive',
  reason: REASON,
};

const change: AppliedChange = {
  id: 7,
  root: '/p',
  findingId: 'rust.release-lto',
  ruleId: 'rust.release-lto',
  branch: 'tunebench/rust.release-lto',
  commit: null,
  status: 'verified',
  diff: '',
  verification: {
    overall: 'inconclusive',
    summary: `build: cargo build --release: -20.0 % → inconclusive: ${REASON}`,
    metrics: [undecided],
    tests: { ran: true, passed: true, command: 'cargo test --release', output: '' },
    baselineDir: '/w/baseline',
    candidateDir: '/w/candidate',
    warnings: [BUSY, 'not recorded for learning: inconclusive'],
  },
  merged: null,
  note: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('an inconclusive verification on the recommendation page', () => {
  it('the app: an amber badge (never green, red or grey), the reason in view, and the sampling warnings', () => {
    const markup = renderToStaticMarkup(
      createElement(VerdictView, { change, deciding: false, onKeep: () => {}, onDiscard: () => {} }),
    );
    expect(markup).toContain('<span class="verdict-badge badge-unknown">inconclusive</span>');
    expect(markup).not.toMatch(/tone-(good|bad|neutral)/);
    expect(markup).toContain('<span class="verdict-inconclusive">inconclusive</span>');
    expect(markup).toContain(
      `<strong class="verdict-inconclusive">Why inconclusive:</strong> ${REASON.replace('<', '&lt;')}`,
    );
    expect(markup).toContain(`<li class="warn">${BUSY}</li>`);
    expect(markup).toContain('<li class="warn">not recorded for learning: inconclusive</li>');
    // Three samples have no CI of the median: the whiskers are the range, and say so.
    expect(markup).toContain('range (n &lt; 6) 99000 ms–101000 ms');
    expect(markup).not.toContain('95 % CI 99');
  });
});
