export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, forward-only. Never edit a migration that has shipped: add the next one.
 * Samples are kept, not only summaries, so later tables hold raw data too.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'machines and hardware snapshots',
    sql: `
      CREATE TABLE machines (
        fingerprint TEXT PRIMARY KEY,
        cpu_model TEXT NOT NULL,
        hostname TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
      );
      CREATE TABLE hardware_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fingerprint TEXT NOT NULL REFERENCES machines(fingerprint),
        collected_at TEXT NOT NULL,
        profile_json TEXT NOT NULL
      );
      CREATE INDEX hardware_snapshots_by_machine ON hardware_snapshots(fingerprint, collected_at);
    `,
  },
  {
    version: 2,
    name: 'benchmark runs, results, raw samples and named baselines',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
        error TEXT,
        settings_json TEXT NOT NULL,
        outcome_json TEXT
      );
      CREATE INDEX runs_by_machine ON runs(fingerprint, started_at);
      CREATE TABLE results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        benchmark_id TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
      CREATE INDEX results_by_run ON results(run_id);
      CREATE TABLE samples (
        result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (result_id, idx)
      );
      CREATE TABLE baselines (
        name TEXT PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'projects: trusted folders and user-edited commands',
    sql: `
      CREATE TABLE trusted_folders (
        path TEXT PRIMARY KEY,
        trusted_at TEXT NOT NULL
      );
      CREATE TABLE project_commands (
        root TEXT PRIMARY KEY,
        commands_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'tuning: applied changes, their crash-safe journal, and learned outcomes',
    sql: `
      CREATE TABLE tune_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        root TEXT NOT NULL,
        finding_id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        stack TEXT NOT NULL,
        base_commit TEXT,
        branch TEXT,
        commit_sha TEXT,
        status TEXT NOT NULL,
        edits_json TEXT NOT NULL,
        diff TEXT NOT NULL,
        verification_json TEXT,
        merged TEXT,
        note TEXT,
        owner TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX tune_changes_by_root ON tune_changes(root, id);
      CREATE TABLE tune_journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id INTEGER NOT NULL REFERENCES tune_changes(id),
        step TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX tune_journal_by_change ON tune_journal(change_id, id);
      CREATE TABLE tune_outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        rule_id TEXT NOT NULL,
        stack TEXT NOT NULL,
        project TEXT NOT NULL,
        improved INTEGER NOT NULL,
        gain REAL NOT NULL,
        source TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX tune_outcomes_by_rule ON tune_outcomes(rule_id, stack);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)!.version;
