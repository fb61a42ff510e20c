import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type StoreHandle } from '../../../src/main/core/store/database';
import { TuneOutcomeRepository } from '../../../src/main/core/store/tune-outcomes';
import type { StoredChange } from '../../../src/main/core/store/tune-changes';
import { commitMessage } from '../../../src/main/core/tune/apply/commit-message';
import { learningOutcome, NOT_RECORDED_INCONCLUSIVE, recordOutcome } from '../../../src/main/core/tune/learn/outcome';
import { targetWarnings } from '../../../src/main/core/tune/verify/ab-measure';
import { describeMetric, overallVerdict, timedVerdict } from '../../../src/main/core/tune/verify/metric-verdict';
import type { MetricVerdict, Verification } from '../../../src/shared/schemas/tune';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** Clean builds of about 100 s against a candidate about 20 % faster, n per side. */
function builds(n: number): { baseline: number[]; candidate: number[] } {
  const baseline = Array.from({ length: n }, (_, i) => 100_000 + i * 150);
  const candidate = Array.from({ length: n }, (_, i) => 80_000 + i * 150);
  return { baseline, candidate };
}

function metric(verdict: MetricVerdict['verdict'], change = 0, reason?: string): MetricVerdict {
  const side = { median: 100, n: 3, low: 99, high: 101 };
  return {
    metric: 'build-time',
    title: `build: npm run build (${verdict})`,
    unit: 'ms',
    baseline: side,
    candidate: side,
    change,
    ciLow: change - 0.01,
    ciHigh: change + 0.01,
    pValue: 0.1,
    verdict,
    ...(reason ? { reason } : {}),
  };
}

function verification(metrics: MetricVerdict[]): Verification {
  return {
    overall: overallVerdict(metrics),
    summary: metrics.map(describeMetric).join('; '),
    metrics,
    tests: { ran: true, passed: true, command: 'npm test', output: '' },
    baselineDir: '/tmp/baseline',
    candidateDir: '/tmp/candidate',
    warnings: [],
  };
}

describe('timed verdicts: too few values to reach α are inconclusive, never "same"', () => {
  it('3 vs 3 clean builds, 20 % apart: inconclusive, with the reason', () => {
    const { baseline, candidate } = builds(3);
    const m = timedVerdict('build-time', 'build: cargo build --release', 'ms', baseline, candidate);
    expect(m.verdict).toBe('inconclusive');
    expect(m.reason).toBe('3 vs 3 values cannot reach p < 0.05 (the smallest possible p is 0.10)');
    expect(m.baseline.n).toBe(3);
    expect(m.change).toBeCloseTo(80_150 / 100_150 - 1, 10);
    expect(overallVerdict([m])).toBe('inconclusive');
    expect(describeMetric(m)).toMatch(/→ inconclusive: 3 vs 3 values cannot reach p < 0\.05/);
  });

  it('8 vs 8 with the same clear change: better, and no reason', () => {
    const { baseline, candidate } = builds(8);
    const m = timedVerdict('build-time', 'build: cargo build --release', 'ms', baseline, candidate);
    expect(m.verdict).toBe('better');
    expect(m.reason).toBeUndefined();
    expect(m.pValue).toBeLessThan(0.05);
    expect(overallVerdict([m])).toBe('improved');
  });

  it('overall: worse before better before inconclusive before no change', () => {
    const undecided = metric('inconclusive', -0.2, '3 vs 3 values cannot reach p < 0.05');
    expect(overallVerdict([metric('same'), undecided])).toBe('inconclusive');
    expect(overallVerdict([undecided, metric('better', -0.1)])).toBe('improved');
    expect(overallVerdict([undecided, metric('better', -0.1), metric('worse', 0.1)])).toBe('regressed');
    expect(overallVerdict([metric('same')])).toBe('no-change');
  });
});

describe('learning from verifications (real store)', () => {
  let store: StoreHandle | null = null;
  afterEach(() => store?.db.close());

  function outcomes(): TuneOutcomeRepository {
    store = openStore(tempDir('tb-verify-learn-'));
    return new TuneOutcomeRepository(store.db);
  }
  const key = { ruleId: 'rust.release-lto', stack: 'rust', project: 'p1' };

  it('an inconclusive verification records no outcome, and says so in its warnings', () => {
    const repo = outcomes();
    const reason = '3 vs 3 values cannot reach p < 0.05 (the smallest possible p is 0.10)';
    const inconclusive = verification([metric('same'), metric('inconclusive', -0.2, reason)]);
    expect(inconclusive.overall).toBe('inconclusive');
    expect(learningOutcome(inconclusive)).toBeNull();

    const recorded = recordOutcome(repo, key, inconclusive);
    expect(repo.stats()).toEqual([]);
    expect(recorded.warnings).toEqual([
      `${NOT_RECORDED_INCONCLUSIVE} (build: npm run build (inconclusive): ${reason})`,
    ]);
    expect(recorded.warnings[0]).toContain('not recorded for learning: inconclusive');
  });

  it('a decided verification is recorded; an inconclusive metric adds nothing to its gain', () => {
    const repo = outcomes();
    const improved = verification([metric('better', -0.3), metric('inconclusive', -0.9, 'too few values')]);
    expect(improved.overall).toBe('improved');
    const recorded = recordOutcome(repo, key, improved);
    expect(recorded.warnings).toEqual([]);
    const regressed = verification([metric('worse', 0.1), metric('inconclusive', -0.2, 'too few values')]);
    recordOutcome(repo, { ...key, project: 'p2' }, regressed);
    const [stat] = repo.stats();
    expect(stat).toMatchObject({ ruleId: 'rust.release-lto', improved: 1, notImproved: 1, projects: 2 });
    expect(stat!.gainSum).toBeCloseTo(0.3, 10);
  });

  it('a verification with nothing measured teaches nothing; a broken build teaches "not improved"', () => {
    const repo = outcomes();
    recordOutcome(repo, key, { ...verification([]), overall: 'no-change' });
    expect(repo.stats()).toEqual([]);
    recordOutcome(repo, key, { ...verification([]), overall: 'broke-build' });
    expect(repo.stats()[0]).toMatchObject({ improved: 0, notImproved: 1 });
  });
});

describe('sampling warnings of an A/B target', () => {
  it('are prefixed with the metric title, shared ones once, one side’s own with its side named', () => {
    const busy = 'machine busy: other processes used 40 % of the CPU during the run (benchmark itself 95 %)';
    const precision = (width: string) =>
      `precision target ±3.0 % not reached (±${width} % after 8 samples, stopped at the maximum sample count)`;
    expect(targetWarnings('build: npm run build', [busy, precision('4.1')], [busy, precision('5.0')])).toEqual([
      `build: npm run build: ${busy}`,
      `build: npm run build (baseline): ${precision('4.1')}`,
      `build: npm run build (candidate): ${precision('5.0')}`,
    ]);
    expect(targetWarnings('run: ./bench', [busy, busy], [])).toEqual([`run: ./bench (baseline): ${busy}`]);
    expect(targetWarnings('run: ./bench', [], [])).toEqual([]);
  });
});

describe('the commit message of a change kept by hand after an inconclusive verification', () => {
  it('says inconclusive, and why, next to its evidence', () => {
    const { baseline, candidate } = builds(3);
    const m = timedVerdict('build-time', 'build: cargo build --release', 'ms', baseline, candidate);
    const change = {
      id: 4,
      ruleId: 'rust.release-lto',
      findingId: 'rust.release-lto',
      verification: verification([m]),
    };
    const message = commitMessage(change as unknown as StoredChange);
    expect(message).toContain('Verified by Tunebench (change #4): inconclusive.');
    expect(message).toContain(
      'Inconclusive: build: cargo build --release: 3 vs 3 values cannot reach p < 0.05 (the smallest possible p is 0.10).',
    );
  });
});
