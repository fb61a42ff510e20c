import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { openStore, StoreLockedError, StoreTooNewError } from '../../../../../src/main/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../../../src/main/core/store/migrations';
import { DATABASE_FILE } from '../../../../../src/main/core/store/paths';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

function userVersion(path: string): number {
  const db = new Database(path);
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  db.close();
  return row.user_version;
}

describe('openStore', () => {
  it('creates the database with the latest schema in WAL mode', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const mode = store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    const tables = (
      store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((row) => row.name);
    store.db.close();
    expect(mode.journal_mode).toBe('wal');
    expect(tables).toEqual(expect.arrayContaining(['hardware_snapshots', 'machines']));
    expect(userVersion(join(dir, DATABASE_FILE))).toBe(LATEST_SCHEMA_VERSION);
    expect(store.recoveredFrom).toBeNull();
  });

  it('reopens an existing database without re-running migrations and keeps its rows', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.db
      .prepare('INSERT INTO machines (fingerprint, cpu_model, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)')
      .run('abc', 'cpu', 'host', 'now', 'now');
    first.db.close();
    const second = openStore(dir);
    const count = second.db.prepare('SELECT count(*) AS n FROM machines').get() as { n: number };
    second.db.close();
    expect(count.n).toBe(1);
  });

  it('moves a corrupt file aside, keeps its bytes, and starts fresh with a message naming both paths', () => {
    const dir = tempDir();
    const path = join(dir, DATABASE_FILE);
    const garbage = 'this is not an SQLite database '.repeat(200);
    writeFileSync(path, garbage);
    const store = openStore(dir);
    store.db.close();
    expect(store.recoveredFrom).not.toBeNull();
    expect(readFileSync(store.recoveredFrom!, 'utf8')).toBe(garbage);
    expect(store.message).toContain(path);
    expect(store.message).toContain(store.recoveredFrom!);
    expect(store.message).toMatch(/not a database/i);
    expect(userVersion(path)).toBe(LATEST_SCHEMA_VERSION);
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
  });

  it('refuses a database locked by another connection with a clear error, and leaves it alone', () => {
    const dir = tempDir();
    // Another process holding an exclusive lock (e.g. another Tunebench in the middle of a migration).
    const holder = new Database(join(dir, DATABASE_FILE));
    holder.exec('PRAGMA locking_mode = EXCLUSIVE');
    holder.exec('CREATE TABLE other_process_data (x)');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => openStore(dir)).toThrow(StoreLockedError);
      expect(() => openStore(dir)).toThrow(/locked by another process/);
      expect(readdirSync(dir).some((name) => name.includes('.corrupt-'))).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('refuses a database from a newer Tunebench without modifying it', () => {
    const dir = tempDir();
    const path = join(dir, DATABASE_FILE);
    const db = new Database(path);
    db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openStore(dir)).toThrow(StoreTooNewError);
    expect(userVersion(path)).toBe(LATEST_SCHEMA_VERSION + 5);
    expect(existsSync(path)).toBe(true);
  });
});
