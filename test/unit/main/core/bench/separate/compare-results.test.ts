import { describe, expect, it } from 'vitest';
import { compareSamples } from '../../../../../../src/main/core/bench/compare';
import { mergeRounds } from '../../../../../../src/main/core/bench/rounds';
import { compareSeparateResults } from '../../../../../../src/main/core/bench/separate/compare-results';
import { noiseFloorFromMedians } from '../../../../../../src/main/core/bench/separate/noise-floor';
import type { Comparison } from '../../../../../../src/shared/schemas/bench';
import { latencyResult } from '../../../../../helpers/benchmark-result';
import { driftSource, type DriftModel } from './drift-model';

// Small within-run noise, large between-run noise: the situation separate runs are in.
const DRIFT: DriftModel = { between: 0.05, within: 0.005, samplesPerRound: 60 };
const QUIET: DriftModel = { between: 0.015, within: 0.005, samplesPerRound: 60 };
const PAIRS = 40;
const noHistory = { mismatches: [], noiseFloor: null, historyRuns: 0 };

function verdicts(make: () => Comparison['verdict']): Comparison['verdict'][] {
  return Array.from({ length: PAIRS }, make);
}
const decided = (list: Comparison['verdict'][]) =>
  list.filter((v) => v === 'faster' || v === 'slower').length / list.length;

describe('comparing separate runs under run-to-run drift', () => {
  it('the sample-level test calls most A/A pairs a change: the reason for all of this', () => {
    const source = driftSource(1);
    const list = verdicts(
      () =>
        compareSamples(source.run(DRIFT, 1).samples, source.run(DRIFT, 1).samples, { direction: 'lower-is-better' })
          .verdict,
    );
    expect(decided(list)).toBeGreaterThan(0.5);
  });

  it('single-round runs without history are inconclusive, with the reason and what would decide them', () => {
    const source = driftSource(2);
    const comparison = compareSeparateResults(source.run(DRIFT, 1), source.run(DRIFT, 1), noHistory);
    expect(comparison.verdict).toBe('inconclusive');
    expect(comparison.reason).toMatch(/one round per run and no noise floor .* \(0 of 3 earlier runs/);
    expect(comparison.reason).toMatch(/--rounds 5/);
  });

  it('with rounds, A/A pairs are decided at most about α of the time', () => {
    const source = driftSource(3);
    const list = verdicts(() => compareSeparateResults(source.run(DRIFT, 5), source.run(DRIFT, 5), noHistory).verdict);
    expect(decided(list)).toBeLessThanOrEqual(0.1);
    // On a quiet machine the rounds resolve 10 %: "no significant change" is then a claim that holds.
    const quiet = verdicts(() => compareSeparateResults(source.run(QUIET, 5), source.run(QUIET, 5), noHistory).verdict);
    expect(decided(quiet)).toBeLessThanOrEqual(0.1);
    expect(quiet.filter((v) => v === 'no significant change').length / PAIRS).toBeGreaterThanOrEqual(0.8);
  });

  it('with a noise floor learned from earlier runs, single-round A/A pairs are decided at most about α of the time', () => {
    const source = driftSource(4);
    const list = verdicts(() => {
      const floor = noiseFloorFromMedians(Array.from({ length: 8 }, () => source.run(DRIFT, 1).summary.median));
      return compareSeparateResults(source.run(DRIFT, 1), source.run(DRIFT, 1), {
        mismatches: [],
        noiseFloor: floor,
        historyRuns: 8,
      }).verdict;
    });
    expect(decided(list)).toBeLessThanOrEqual(0.1);
  });

  it('finds a 10 % slowdown on a quiet machine at least 90 % of the time, and never calls it faster', () => {
    const source = driftSource(5);
    const byRounds = verdicts(
      () => compareSeparateResults(source.run(QUIET, 5), source.run(QUIET, 5, 1.1), noHistory).verdict,
    );
    expect(byRounds.filter((v) => v === 'slower').length / PAIRS).toBeGreaterThanOrEqual(0.9);
    expect(byRounds).not.toContain('faster');

    const byFloor = verdicts(() => {
      const floor = noiseFloorFromMedians(Array.from({ length: 10 }, () => source.run(QUIET, 1).summary.median));
      return compareSeparateResults(source.run(QUIET, 1), source.run(QUIET, 1, 1.1), {
        mismatches: [],
        noiseFloor: floor,
        historyRuns: 10,
      }).verdict;
    });
    expect(byFloor.filter((v) => v === 'slower').length / PAIRS).toBeGreaterThanOrEqual(0.9);
    expect(byFloor).not.toContain('faster');
  });

  it('under heavy drift a 10 % slowdown is slower or inconclusive, never faster', () => {
    const source = driftSource(6);
    const list = verdicts(
      () => compareSeparateResults(source.run(DRIFT, 1), source.run(DRIFT, 1, 1.1), noHistory).verdict,
    );
    expect(list).not.toContain('faster');
    expect(list).not.toContain('no significant change');
  });

  it('3 rounds a side cannot reach p < 0.05: without a floor that is inconclusive, and it says so', () => {
    const source = driftSource(7);
    const comparison = compareSeparateResults(source.run(QUIET, 3), source.run(QUIET, 3, 1.5), noHistory);
    expect(comparison.verdict).toBe('inconclusive');
    expect(comparison.reason).toMatch(/3 vs 3 rounds cannot reach p < 0\.05 \(at least 4 per run can\)/);
  });

  it('a disturbed run is inconclusive whatever the change, and says which run and why', () => {
    const source = driftSource(8);
    const base = source.run(QUIET, 5);
    const head = source.run(QUIET, 5, 2);
    head.warnings = ['machine busy: other processes used 61 % of the CPU during the run (benchmark itself 48 %)'];
    const comparison = compareSeparateResults(base, head, noHistory);
    expect(comparison.verdict).toBe('inconclusive');
    expect(comparison.reason).toMatch(/^the head run was disturbed \(machine busy: other processes used 61 %/);
  });

  it('another machine or other settings are inconclusive unless forced', () => {
    const source = driftSource(9);
    const base = source.run(QUIET, 5);
    const head = source.run(QUIET, 5, 1.3);
    const context = { ...noHistory, mismatches: ['the runs come from different machines'] };
    expect(compareSeparateResults(base, head, context)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'the runs come from different machines',
    });
    expect(compareSeparateResults(base, head, { ...context, force: true })).toMatchObject({
      verdict: 'slower',
      basis: 'rounds',
    });
  });

  it('a change inside a narrow noise floor is no significant change, and the floor is reported', () => {
    const source = driftSource(10);
    const floor = { relative: 0.08, runs: 6 };
    const comparison = compareSeparateResults(source.run(QUIET, 1), source.run(QUIET, 1, 1.04), {
      mismatches: [],
      noiseFloor: floor,
      historyRuns: 6,
    });
    expect(comparison).toMatchObject({ verdict: 'no significant change', noiseFloor: floor, noiseThreshold: 0.08 });
    expect(comparison.reason).toBeUndefined();
  });

  it('a floor wide enough to hide a 10 % change makes "no change" inconclusive, and says so', () => {
    const source = driftSource(11);
    const comparison = compareSeparateResults(source.run(QUIET, 1), source.run(QUIET, 1, 1.1), {
      mismatches: [],
      noiseFloor: { relative: 0.2, runs: 4 },
      historyRuns: 4,
    });
    expect(comparison.verdict).toBe('inconclusive');
    expect(comparison.reason).toBe(
      "this machine's run-to-run noise floor is ±20.0 % (from 4 runs): a 10.0 % change could hide in it (more runs, or --rounds 5, narrow it)",
    );
  });
});

describe('rounds whose medians sit at the clock resolution', () => {
  it('fall back to the samples instead of dividing by a round median of 0', () => {
    // System CPU time of a sleeping command, in ms: most rounds' median is 0 ticks, the pooled one is not.
    const cpu = (rounds: number[][]) => mergeRounds(rounds.map((samples) => latencyResult('sys', {}, samples)));
    const mostlyIdle = [0, 0, 0, 4, 4];
    const busier = [0, 4, 4, 4, 4];
    const base = cpu([mostlyIdle, mostlyIdle, mostlyIdle, busier, busier]);
    const head = cpu([mostlyIdle, busier, mostlyIdle, mostlyIdle, busier]);
    expect(base.summary.median).toBeGreaterThan(0);
    const comparison = compareSeparateResults(base, head, noHistory);
    expect(comparison.basis).toBe('samples');
    expect(comparison.verdict).toBe('inconclusive');
  });
});

describe('noiseFloorFromMedians', () => {
  it('needs three runs, and widens with Student t while there are few', () => {
    expect(noiseFloorFromMedians([10, 10.2])).toBeNull();
    const three = noiseFloorFromMedians([10, 10.2, 9.9])!;
    const many = noiseFloorFromMedians([10, 10.2, 9.9, 10, 10.2, 9.9, 10, 10.2, 9.9, 10, 10.2, 9.9])!;
    expect(three.runs).toBe(3);
    expect(many.runs).toBe(12);
    expect(three.relative).toBeGreaterThan(many.relative);
  });

  it('is t(0.975, r − 1) · s · √2 on log medians', () => {
    const medians = [9.8, 10, 10.3, 10.1, 9.9];
    const logs = medians.map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / logs.length;
    const s = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (logs.length - 1));
    // t(0.975, 4) = 2.7764451 (R: qt(0.975, 4))
    expect(noiseFloorFromMedians(medians)!.relative).toBeCloseTo(Math.expm1(2.7764451 * s * Math.SQRT2), 6);
  });
});
