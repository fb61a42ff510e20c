import {
  BenchmarkResultSchema,
  RunSchema,
  type BenchmarkResult,
  type Run,
  type RunSummary,
} from '../../../shared/schemas/bench';
import type { Db } from './database';

interface RunRow {
  id: number;
  kind: Run['kind'];
  name: string;
  fingerprint: string;
  started_at: string;
  finished_at: string | null;
  status: Run['status'];
  error: string | null;
  settings_json: string;
  outcome_json: string | null;
}

/**
 * Benchmark runs with every raw sample kept (in `samples`, one row each, so any comparison can be
 * recomputed and reports can export them), plus named baselines.
 */
export class RunRepository {
  constructor(private readonly db: Db) {}

  start(kind: Run['kind'], name: string, fingerprint: string, settings: Run['settings']): number {
    const info = this.db
      .prepare(
        `INSERT INTO runs (kind, name, fingerprint, started_at, status, settings_json) VALUES (?, ?, ?, ?, 'running', ?)`,
      )
      .run(kind, name, fingerprint, new Date().toISOString(), JSON.stringify(settings));
    return Number(info.lastInsertRowid);
  }

  addResult(runId: number, result: BenchmarkResult): void {
    const insertResult = this.db.prepare('INSERT INTO results (run_id, benchmark_id, result_json) VALUES (?, ?, ?)');
    const insertSample = this.db.prepare('INSERT INTO samples (result_id, idx, value) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      const { samples, ...rest } = result;
      const resultId = Number(insertResult.run(runId, result.id, JSON.stringify(rest)).lastInsertRowid);
      samples.forEach((value, index) => insertSample.run(resultId, index, value));
    })();
  }

  finish(
    runId: number,
    status: Exclude<Run['status'], 'running'>,
    details: { error?: string | null; failures: Run['failures']; warnings: string[]; telemetry?: Run['telemetry'] },
  ): void {
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ?, error = ?, outcome_json = ? WHERE id = ?').run(
      status,
      new Date().toISOString(),
      details.error ?? null,
      JSON.stringify({
        failures: details.failures,
        warnings: details.warnings,
        telemetry: details.telemetry ?? null,
      }),
      runId,
    );
  }

  /** Adds a note found after the run ended (e.g. what could not be measured) to its warnings. */
  addWarning(runId: number, warning: string): void {
    const row = this.db.prepare('SELECT outcome_json AS json FROM runs WHERE id = ?').get(runId) as
      { json: string | null } | undefined;
    if (!row) return;
    const outcome = row.json ? (JSON.parse(row.json) as { warnings?: string[] }) : {};
    outcome.warnings = [...(outcome.warnings ?? []), warning];
    this.db.prepare('UPDATE runs SET outcome_json = ? WHERE id = ?').run(JSON.stringify(outcome), runId);
  }

  get(runId: number): Run | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
    if (!row) return null;
    const resultRows = this.db
      .prepare('SELECT id, result_json AS json FROM results WHERE run_id = ? ORDER BY id')
      .all(runId) as Array<{ id: number; json: string }>;
    const sampleStatement = this.db.prepare('SELECT value FROM samples WHERE result_id = ? ORDER BY idx');
    const results = resultRows.map((resultRow) => {
      const samples = (sampleStatement.all(resultRow.id) as Array<{ value: number }>).map((s) => s.value);
      return BenchmarkResultSchema.parse({ ...JSON.parse(resultRow.json), samples });
    });
    const extra = row.outcome_json
      ? (JSON.parse(row.outcome_json) as {
          failures: Run['failures'];
          warnings: string[];
          telemetry?: Run['telemetry'];
        })
      : { failures: [], warnings: [], telemetry: null };
    return RunSchema.parse({
      id: Number(row.id),
      kind: row.kind,
      name: row.name,
      fingerprint: row.fingerprint,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      error: row.error,
      settings: JSON.parse(row.settings_json),
      results,
      failures: extra.failures,
      warnings: extra.warnings,
      telemetry: extra.telemetry ?? null,
    });
  }

  list(limit: number, kind?: Run['kind']): RunSummary[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.kind, r.name, r.started_at, r.finished_at, r.status,
                (SELECT count(*) FROM results WHERE run_id = r.id) AS benchmarks,
                (SELECT group_concat(name, char(31)) FROM baselines WHERE run_id = r.id) AS baselines
         FROM runs r ${kind ? 'WHERE r.kind = ?' : ''} ORDER BY r.id DESC LIMIT ?`,
      )
      .all(...(kind ? [kind, limit] : [limit])) as Array<
      Omit<RunRow, 'fingerprint' | 'error' | 'settings_json' | 'outcome_json'> & {
        benchmarks: number;
        baselines: string | null;
      }
    >;
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      name: row.name,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      benchmarks: Number(row.benchmarks),
      baselines: row.baselines ? row.baselines.split('\u001f') : [],
    }));
  }

  /**
   * Ids of the newest runs of a kind whose settings.options hold `value` under `key` (a project's
   * runs by their folder), newest first: the match is made in SQL, not by loading every run.
   */
  idsWithOption(kind: Run['kind'], key: string, value: string, limit: number): number[] {
    if (!/^\w+$/.test(key)) throw new RangeError(`not an option name: ${key}`);
    const rows = this.db
      .prepare(
        `SELECT id FROM runs WHERE kind = ? AND json_extract(settings_json, '$.options.${key}') = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(kind, value, limit) as Array<{ id: number }>;
    return rows.map((row) => Number(row.id));
  }

  /**
   * The medians of one benchmark in the newest completed runs of a kind on one machine, newest first, with each
   * run's settings and the result's warnings: what a between-run noise floor is learned from. Read from the
   * stored summaries in SQL; no samples are loaded.
   */
  benchmarkHistory(
    kind: Run['kind'],
    fingerprint: string,
    benchmarkId: string,
    limit: number,
  ): Array<{ runId: number; settings: Run['settings']; median: number; warnings: string[] }> {
    const rows = this.db
      .prepare(
        `SELECT r.id AS run_id, r.settings_json AS settings, json_extract(x.result_json, '$.summary.median') AS median,
                json_extract(x.result_json, '$.warnings') AS warnings
         FROM runs r JOIN results x ON x.run_id = r.id
         WHERE r.kind = ? AND r.fingerprint = ? AND r.status = 'completed' AND x.benchmark_id = ?
         ORDER BY r.id DESC LIMIT ?`,
      )
      .all(kind, fingerprint, benchmarkId, limit) as Array<{
      run_id: number;
      settings: string;
      median: number | null;
      warnings: string | null;
    }>;
    return rows
      .filter((row) => typeof row.median === 'number')
      .map((row) => ({
        runId: Number(row.run_id),
        settings: JSON.parse(row.settings) as Run['settings'],
        median: row.median!,
        warnings: row.warnings ? (JSON.parse(row.warnings) as string[]) : [],
      }));
  }

  latestId(kind?: Run['kind']): number | null {
    const row = this.db
      .prepare(`SELECT id FROM runs WHERE status = 'completed' ${kind ? 'AND kind = ?' : ''} ORDER BY id DESC LIMIT 1`)
      .get(...(kind ? [kind] : [])) as { id: number } | undefined;
    return row ? Number(row.id) : null;
  }

  /** Names a run as a baseline; an existing name is moved to the new run. */
  saveBaseline(name: string, runId: number): void {
    if (!/^[\w.-]{1,64}$/.test(name)) {
      throw new RangeError(`baseline name "${name}" must be 1–64 letters, digits, dots, dashes or underscores`);
    }
    if (!this.get(runId)) throw new RangeError(`no run with id ${runId}`);
    this.db
      .prepare(
        'INSERT INTO baselines (name, run_id, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET run_id = excluded.run_id, created_at = excluded.created_at',
      )
      .run(name, runId, new Date().toISOString());
  }

  baseline(name: string): Run | null {
    const row = this.db.prepare('SELECT run_id FROM baselines WHERE name = ?').get(name) as
      { run_id: number } | undefined;
    return row ? this.get(Number(row.run_id)) : null;
  }

  baselines(): Array<{ name: string; runId: number; createdAt: string }> {
    return (
      this.db.prepare('SELECT name, run_id, created_at FROM baselines ORDER BY name').all() as Array<{
        name: string;
        run_id: number;
        created_at: string;
      }>
    ).map((row) => ({ name: row.name, runId: Number(row.run_id), createdAt: row.created_at }));
  }
}
