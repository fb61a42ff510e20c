import { describe, expect, it } from 'vitest';
import { recommendationsSection } from '../../../../../../src/main/core/report/html/sections/recommendations';
import {
  describeMetric,
  overallVerdict,
  timedVerdict,
} from '../../../../../../src/main/core/tune/verify/metric-verdict';
import type { Report } from '../../../../../../src/shared/schemas/report';
import type { AppliedChange } from '../../../../../../src/shared/schemas/tune';
import { unbalancedTags } from './well-formed';

const BUSY = 'build: cargo build --release: machine busy: other processes used 40 % of the CPU during the run';

/** Clean builds that stopped at n = 3 per side: 20 % apart, and still the test could never reach α. */
function inconclusiveChange(): AppliedChange {
  const metric = timedVerdict(
    'build-time',
    'build: cargo build --release',
    'ms',
    [100_000, 100_500, 101_000],
    [80_000, 80_500, 81_000],
  );
  return {
    id: 7,
    root: '/p',
    findingId: 'rust.release-lto',
    ruleId: 'rust.release-lto',
    branch: 'tunebench/rust.release-lto',
    commit: null,
    status: 'verified',
    diff: '',
    verification: {
      overall: overallVerdict([metric]),
      summary: describeMetric(metric),
      metrics: [metric],
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
}

describe('an inconclusive verification in the HTML report', () => {
  it('an amber badge, a "Why inconclusive" row under the metric, a hollow bar, and the warnings', () => {
    const report = { project: null, findings: [], appliedChanges: [inconclusiveChange()] } as unknown as Report;
    const page = recommendationsSection(report)!.html;
    expect(page).toContain(
      '<span class="overall" data-verdict="inconclusive" style="background: var(--inconclusive); color: var(--panel)">inconclusive</span>',
    );
    expect(page).not.toMatch(/overall-(good|bad|neutral)" data-verdict/);
    expect(page).toContain('<td class="verdict-inconclusive">inconclusive</td>');
    expect(page).toContain(
      '<strong class="verdict-inconclusive">Why inconclusive:</strong> 3 vs 3 values cannot reach p &lt; 0.05 (the smallest possible p is 0.10)',
    );
    expect(page).toMatch(/<rect\s+class="bar-head verdict-inconclusive"/);
    expect(page).toContain('after, inconclusive');
    expect(page).toContain(BUSY);
    expect(unbalancedTags(page)).toEqual([]);
  });
});
