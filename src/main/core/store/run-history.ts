import type { Run } from '../../../shared/schemas/bench';
import type {
  HistoryMetric,
  HistoryMetricRef,
  HistoryPoint,
  HistoryRun,
  HistorySeries,
} from '../../../shared/schemas/history';
import type { Db } from './database';

interface RunRow {
  id: number;
  kind: Run['kind'];
  name: string;
  fingerprint: string;
  hostname: string | null;
  cpu_model: string | null;
  started_at: string;
  finished_at: string | null;
  status: Run['status'];
  level: string | null;
  preset: string | null;
  git_commit: string | null;
  dirty: number | null;
  benchmarks: number;
}

interface MetricRow {
  kind: Run['kind'];
  scope: string | null;
  benchmark_id: string;
  title: string | null;
  unit: string;
  direction: string | null;
  runs: number;
  last_at: string;
}

interface PointRow {
  id: number;
  started_at: string;
  fingerprint: string;
  hostname: string | null;
  cpu_model: string | null;
  status: Run['status'];
  git_commit: string | null;
  dirty: number | null;
  median: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number | null;
}

const LEVELS = new Set(['basic', 'moderate', 'aggressive']);

function machineLabel(hostname: string | null, cpuModel: string | null): string | null {
  if (!hostname && !cpuModel) return null;
  return [hostname, cpuModel].filter(Boolean).join(' · ');
}

function flag(value: number | null): boolean | null {
  return value === null ? null : Boolean(value);
}

/** The project folder of a project run; the same benchmark ids (build, test…) repeat across projects. */
const SCOPE = `coalesce(json_extract(r.settings_json, '$.options.root'), '')`;

/**
 * Read-only queries for the History page: summaries straight from the stored JSON with SQLite's
 * json_extract, so following a metric over thousands of runs never loads their raw samples.
 */
export class RunHistoryRepository {
  constructor(private readonly db: Db) {}

  runs(limit: number): HistoryRun[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.kind, r.name, r.fingerprint, m.hostname, m.cpu_model, r.started_at, r.finished_at, r.status,
                json_extract(r.settings_json, '$.level') AS level,
                json_extract(r.settings_json, '$.preset') AS preset,
                json_extract(r.settings_json, '$.options.commit') AS git_commit,
                json_extract(r.settings_json, '$.options.dirty') AS dirty,
                (SELECT count(*) FROM results WHERE run_id = r.id) AS benchmarks
         FROM runs r LEFT JOIN machines m ON m.fingerprint = r.fingerprint
         ORDER BY r.id DESC LIMIT ?`,
      )
      .all(limit) as RunRow[];
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      name: row.name,
      fingerprint: row.fingerprint,
      machine: machineLabel(row.hostname, row.cpu_model),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      level: row.level && LEVELS.has(row.level) ? (row.level as HistoryRun['level']) : null,
      preset: typeof row.preset === 'string' ? row.preset : null,
      commit: typeof row.git_commit === 'string' ? row.git_commit : null,
      dirty: flag(row.dirty),
      benchmarks: Number(row.benchmarks),
    }));
  }

  /** Every (kind, project, benchmark, unit) with at least one stored result, most recently measured first. */
  metrics(): HistoryMetric[] {
    // With max(), SQLite takes the bare columns (title, direction) from the newest row of each group.
    const rows = this.db
      .prepare(
        `SELECT r.kind, ${SCOPE} AS scope, res.benchmark_id,
                json_extract(res.result_json, '$.title') AS title,
                json_extract(res.result_json, '$.unit') AS unit,
                json_extract(res.result_json, '$.direction') AS direction,
                count(DISTINCT r.id) AS runs, max(r.started_at) AS last_at
         FROM results res JOIN runs r ON r.id = res.run_id
         GROUP BY r.kind, scope, res.benchmark_id, unit
         ORDER BY last_at DESC, res.benchmark_id`,
      )
      .all() as MetricRow[];
    return rows.map((row) => ({
      kind: row.kind,
      benchmarkId: row.benchmark_id,
      scope: row.scope ? row.scope : null,
      title: row.title ?? row.benchmark_id,
      unit: row.unit,
      direction: row.direction === 'higher-is-better' ? 'higher-is-better' : 'lower-is-better',
      runs: Number(row.runs),
      lastAt: row.last_at,
    }));
  }

  /** The metric's median, CI and n in every run that measured it, oldest first (up to `limit`, the newest kept). */
  series(ref: HistoryMetricRef, limit: number): HistorySeries | null {
    const metric = this.metrics().find(
      (m) => m.kind === ref.kind && m.benchmarkId === ref.benchmarkId && m.scope === ref.scope && m.unit === ref.unit,
    );
    if (!metric) return null;
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT r.id, r.started_at, r.fingerprint, m.hostname, m.cpu_model, r.status,
                  json_extract(r.settings_json, '$.options.commit') AS git_commit,
                  json_extract(r.settings_json, '$.options.dirty') AS dirty,
                  json_extract(res.result_json, '$.summary.median') AS median,
                  json_extract(res.result_json, '$.summary.medianCi[0]') AS ci_low,
                  json_extract(res.result_json, '$.summary.medianCi[1]') AS ci_high,
                  json_extract(res.result_json, '$.summary.n') AS n,
                  res.id AS result_id
           FROM results res JOIN runs r ON r.id = res.run_id LEFT JOIN machines m ON m.fingerprint = r.fingerprint
           WHERE r.kind = ? AND res.benchmark_id = ? AND ${SCOPE} = ? AND json_extract(res.result_json, '$.unit') = ?
           ORDER BY r.started_at DESC, r.id DESC, res.id DESC LIMIT ?
         ) ORDER BY started_at, id, result_id`,
      )
      .all(ref.kind, ref.benchmarkId, ref.scope ?? '', ref.unit, limit) as PointRow[];
    const points: HistoryPoint[] = rows
      .filter((row) => typeof row.median === 'number' && Number.isFinite(row.median))
      .map((row) => ({
        runId: Number(row.id),
        startedAt: row.started_at,
        fingerprint: row.fingerprint,
        machine: machineLabel(row.hostname, row.cpu_model),
        commit: typeof row.git_commit === 'string' ? row.git_commit : null,
        dirty: flag(row.dirty),
        status: row.status,
        median: row.median!,
        ciLow: row.ci_low,
        ciHigh: row.ci_high,
        n: Number(row.n ?? 0),
      }));
    return { metric, points };
  }
}
