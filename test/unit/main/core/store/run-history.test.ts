import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../../src/main/core/bench/stats/summary';
import { openStore } from '../../../../../src/main/core/store/database';
import { RunHistoryRepository } from '../../../../../src/main/core/store/run-history';
import { RunRepository } from '../../../../../src/main/core/store/runs';
import { apiMethods } from '../../../../../src/shared/contract';
import type { BenchmarkResult } from '../../../../../src/shared/schemas/bench';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

function result(id: string, unit: string, samples: number[]): BenchmarkResult {
  return {
    id,
    title: `Title of ${id}`,
    params: {},
    unit,
    direction: unit === 'ms' ? 'lower-is-better' : 'higher-is-better',
    samples,
    summary: summarize(samples),
    plan: { warmupRuns: 0, minSamples: 6, maxSamples: 20, budgetMs: 1000, targetRelativeHalfWidth: 0.03 },
    stopReason: 'precision-reached',
    warnings: [],
    extras: {},
  };
}

const samples = (centre: number) => [0.98, 0.99, 1, 1, 1.01, 1.02, 1.03].map((f) => f * centre);

function seed() {
  const store = openStore(tempDir());
  store.db
    .prepare('INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)')
    .run('aaaa', 'Test CPU 9000', 'box-a', 'now', 'now');
  const runs = new RunRepository(store.db);
  const cpu1 = runs.start('cpu', 'CPU quick', 'aaaa', { preset: 'quick', level: 'basic', options: {} });
  runs.addResult(cpu1, result('gemm', 'GFLOP/s', samples(100)));
  runs.addResult(cpu1, result('sort', 'ms', samples(5)));
  runs.finish(cpu1, 'completed', { failures: [], warnings: [] });
  const cpu2 = runs.start('cpu', 'CPU quick', 'bbbb', { preset: 'quick', level: 'moderate', options: {} });
  runs.addResult(cpu2, result('gemm', 'GFLOP/s', samples(120)));
  runs.finish(cpu2, 'completed', { failures: [], warnings: [] });
  const project = (root: string, commit: string, centre: number) => {
    const id = runs.start('project', `app @ ${commit}`, 'aaaa', {
      preset: 'build',
      level: 'basic',
      options: { root, commit, dirty: false },
    });
    runs.addResult(id, result('build', 'ms', samples(centre)));
    runs.finish(id, 'completed', { failures: [], warnings: [] });
    return id;
  };
  const p1 = project('/p/app', 'abc1234', 900);
  const p2 = project('/p/app', 'def5678', 800);
  const other = project('/p/other', '0000000', 50);
  return { store, history: new RunHistoryRepository(store.db), ids: { cpu1, cpu2, p1, p2, other } };
}

describe('RunHistoryRepository', () => {
  it('lists runs with their machine, commit, level and result count, newest first', () => {
    const { store, history, ids } = seed();
    const runs = history.runs(100);
    expect(runs.map((r) => r.id)).toEqual([ids.other, ids.p2, ids.p1, ids.cpu2, ids.cpu1]);
    expect(runs.at(-1)).toMatchObject({
      machine: 'box-a · Test CPU 9000',
      level: 'basic',
      commit: null,
      benchmarks: 2,
    });
    expect(runs.find((r) => r.id === ids.cpu2)).toMatchObject({
      machine: null,
      fingerprint: 'bbbb',
      level: 'moderate',
    });
    expect(runs.find((r) => r.id === ids.p2)).toMatchObject({ commit: 'def5678', dirty: false, kind: 'project' });
    expect(apiMethods['history.runs'].output.parse(runs)).toHaveLength(5);
    expect(history.runs(2)).toHaveLength(2);
    store.db.close();
  });

  it('lists each metric once per kind, project folder and unit', () => {
    const { store, history } = seed();
    const metrics = history.metrics();
    const keys = metrics.map((m) => `${m.kind}:${m.scope ?? '-'}:${m.benchmarkId}`).sort();
    expect(keys).toEqual(['cpu:-:gemm', 'cpu:-:sort', 'project:/p/app:build', 'project:/p/other:build']);
    expect(metrics.find((m) => m.benchmarkId === 'gemm')).toMatchObject({
      runs: 2,
      unit: 'GFLOP/s',
      direction: 'higher-is-better',
      title: 'Title of gemm',
    });
    apiMethods['history.metrics'].output.parse(metrics);
    store.db.close();
  });

  it('follows one metric over runs and machines with the median, its CI and n, oldest first', () => {
    const { store, history, ids } = seed();
    const gemm = history.series({ kind: 'cpu', benchmarkId: 'gemm', scope: null, unit: 'GFLOP/s' }, 1000)!;
    expect(gemm.points.map((p) => [p.runId, p.fingerprint, Math.round(p.median)])).toEqual([
      [ids.cpu1, 'aaaa', 100],
      [ids.cpu2, 'bbbb', 120],
    ]);
    expect(gemm.points[0]!.ciLow).toBeLessThanOrEqual(100);
    expect(gemm.points[0]!.ciHigh).toBeGreaterThanOrEqual(100);
    expect(gemm.points[0]!.n).toBe(7);

    const build = history.series({ kind: 'project', benchmarkId: 'build', scope: '/p/app', unit: 'ms' }, 1000)!;
    expect(build.points.map((p) => p.commit)).toEqual(['abc1234', 'def5678']);
    apiMethods['history.series'].output.parse(build);

    // The limit keeps the newest points.
    const newest = history.series({ kind: 'project', benchmarkId: 'build', scope: '/p/app', unit: 'ms' }, 1)!;
    expect(newest.points.map((p) => p.runId)).toEqual([ids.p2]);
    expect(history.series({ kind: 'cpu', benchmarkId: 'nope', scope: null, unit: 'ms' }, 10)).toBeNull();
    store.db.close();
  });
});
