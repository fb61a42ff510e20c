import type { HardwareProfile, HardwareSnapshotSummary } from '../../../shared/schemas/hardware';
import { HardwareProfileSchema } from '../../../shared/schemas/hardware';
import type { Db } from './database';

/** Hardware profile snapshots, grouped by machine fingerprint. */
export class HardwareSnapshotRepository {
  constructor(private readonly db: Db) {}

  save(profile: HardwareProfile): number {
    const upsertMachine = this.db.prepare(
      `INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(fingerprint) DO UPDATE SET last_seen = excluded.last_seen, hostname = excluded.hostname`,
    );
    const insert = this.db.prepare(
      'INSERT INTO hardware_snapshots (fingerprint, collected_at, profile_json) VALUES (?, ?, ?)',
    );
    return this.db.transaction(() => {
      upsertMachine.run(
        profile.fingerprint,
        profile.cpu.model,
        profile.os.hostname,
        profile.collectedAt,
        profile.collectedAt,
      );
      return Number(insert.run(profile.fingerprint, profile.collectedAt, JSON.stringify(profile)).lastInsertRowid);
    })();
  }

  list(limit: number): HardwareSnapshotSummary[] {
    const rows = this.db
      .prepare(
        `SELECT s.id AS id, s.fingerprint AS fingerprint, s.collected_at AS collectedAt, m.cpu_model AS cpuModel
         FROM hardware_snapshots s JOIN machines m ON m.fingerprint = s.fingerprint
         ORDER BY s.id DESC LIMIT ?`,
      )
      .all(limit) as HardwareSnapshotSummary[];
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /** The newest snapshot of a machine, validated: a row written by a buggy build is reported, not trusted. */
  latest(fingerprint: string): HardwareProfile | null {
    const row = this.db
      .prepare('SELECT profile_json AS json FROM hardware_snapshots WHERE fingerprint = ? ORDER BY id DESC LIMIT 1')
      .get(fingerprint) as { json: string } | undefined;
    return row === undefined ? null : HardwareProfileSchema.parse(JSON.parse(row.json));
  }

  countForMachine(fingerprint: string): number {
    // libsql ignores pluck(), so rows are read as objects throughout.
    const row = this.db
      .prepare('SELECT count(*) AS n FROM hardware_snapshots WHERE fingerprint = ?')
      .get(fingerprint) as {
      n: number;
    };
    return Number(row.n);
  }
}
