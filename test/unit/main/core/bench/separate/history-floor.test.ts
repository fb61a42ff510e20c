import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../../../src/main/core/bench/compare-runs';
import { historyFloorLookup } from '../../../../../../src/main/core/bench/separate/history-floor';
import { openStore } from '../../../../../../src/main/core/store/database';
import { RunRepository } from '../../../../../../src/main/core/store/runs';
import type { Run } from '../../../../../../src/shared/schemas/bench';
import { latencyResult } from '../../../../../helpers/benchmark-result';
import { useTempDirs } from '../../../../../helpers/temp-dir';

const tempDir = useTempDirs();
const SETTINGS: Run['settings'] = { preset: 'quick', level: 'basic', options: { only: null, rounds: 1 } };
const samples = (centre: number) => [0.99, 1, 1, 1.01, 1.0, 0.995, 1.005].map((f) => f * centre);

function store() {
  const opened = openStore(tempDir());
  opened.db
    .prepare('INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)')
    .run('aaaa', 'Test CPU 9000', 'box-a', 'now', 'now');
  const runs = new RunRepository(opened.db);
  const add = (
    median: number,
    options: { settings?: Run['settings']; warnings?: string[]; fingerprint?: string } = {},
  ) => {
    const id = runs.start('cpu', 'CPU quick', options.fingerprint ?? 'aaaa', options.settings ?? SETTINGS);
    runs.addResult(id, { ...latencyResult('sort', {}, samples(median)), warnings: options.warnings ?? [] });
    runs.finish(id, 'completed', { failures: [], warnings: [] });
    return runs.get(id)!;
  };
  return { runs, add };
}

describe('historyFloorLookup', () => {
  it('learns the floor from earlier like-for-like undisturbed runs on the same machine only', () => {
    const { runs, add } = store();
    for (const median of [10, 10.3, 9.8, 10.1]) add(median);
    // None of these may contribute: other settings (another preset; a different level or rounds is the same
    // measurement and does), a disturbed result, another machine.
    add(20, { settings: { ...SETTINGS, preset: 'standard' } });
    add(30, {
      warnings: ['machine busy: other processes used 70 % of the CPU during the run (benchmark itself 50 %)'],
    });
    add(40, { fingerprint: 'bbbb' });
    add(10.2, { settings: { preset: 'quick', level: 'aggressive', options: { only: null, rounds: 5 } } });
    const base = add(10);
    const head = add(10.1);

    const found = historyFloorLookup(runs, base, head)('sort');
    expect(found.historyRuns).toBe(5);
    expect(found.floor).not.toBeNull();
    expect(found.floor!.runs).toBe(5);
    // The outliers of 20, 30 and 40 ms would have blown the floor far past 50 %.
    expect(found.floor!.relative).toBeLessThan(0.1);
  });

  it('lets stored single-round runs be decided once history exists, and not before', () => {
    const { runs, add } = store();
    const base = add(10);
    const head = add(13);
    const early = compareRuns(base, head, { floors: historyFloorLookup(runs, base, head) });
    expect(early.rows[0]!.comparison.verdict).toBe('inconclusive');
    expect(early.rows[0]!.comparison.reason).toMatch(/\(0 of 3 earlier runs with the same settings\)/);

    for (const median of [10, 10.2, 9.9, 10.1]) add(median);
    const later = compareRuns(base, head, { floors: historyFloorLookup(runs, base, head) });
    expect(later.rows[0]!.comparison).toMatchObject({ verdict: 'slower', noiseFloor: { runs: 4 } });
  });

  it('warns once per comparison when the runs are not like for like', () => {
    const { add } = store();
    const base = add(10);
    const head = add(10, { settings: { ...SETTINGS, preset: 'standard' } });
    const comparison = compareRuns(base, head);
    expect(comparison.warnings).toEqual([
      "the runs' settings differ (preset): every verdict is inconclusive (differences may be that, not the change)",
    ]);
    expect(comparison.rows[0]!.comparison.reason).toMatch(/^the runs' settings differ \(preset\)/);
  });
});
