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
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)!.version;
