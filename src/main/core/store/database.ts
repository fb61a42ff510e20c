import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import { DATABASE_FILE } from './paths';

/**
 * Why libsql and not better-sqlite3: libsql ships a better-sqlite3-compatible synchronous API
 * as a Node-API addon with prebuilt binaries on npm, so the very same binary loads in plain
 * Node (CLI, tests) and in Electron's main process. better-sqlite3 is built against one ABI
 * and would need a second, Electron-specific build.
 */
export type Db = Database.Database;

export interface StoreHandle {
  db: Db;
  path: string;
  /** Set when the previous file had to be moved aside. */
  recoveredFrom: string | null;
  message: string | null;
}

export class StoreLockedError extends Error {
  constructor(readonly path: string) {
    super(
      `The Tunebench database ${path} is locked by another process (another Tunebench window or CLI run?). ` +
        'Close it and retry, or point TUNEBENCH_HOME at another folder.',
    );
    this.name = 'StoreLockedError';
  }
}

export class StoreTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(
      `The database ${path} has schema version ${version}, newer than this Tunebench understands ` +
        `(${LATEST_SCHEMA_VERSION}). Update Tunebench; the file was left untouched.`,
    );
    this.name = 'StoreTooNewError';
  }
}

const BUSY_TIMEOUT_MS = 2000;

function sqliteCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_') === true;
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function userVersion(db: Db): number {
  // libsql returns PRAGMA rows as objects (with a _metadata field) even when plucked.
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
  return Number(row?.user_version ?? 0);
}

function openAndCheck(path: string): Db {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // Touching the schema reads the header and page 1: a file that is not SQLite fails here.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Db, path: string): void {
  const current = userVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new StoreTooNewError(path, current);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    })();
  }
}

/** Opens and migrates; a failed migration closes the handle, so no error leaves the file open. */
function openMigrated(path: string): Db {
  const db = openAndCheck(path);
  try {
    migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves the database and its WAL/SHM side files aside, keeping them for the user to inspect. */
function moveAside(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

/**
 * Opens (creating if needed) the one SQLite file in `dataDir`, migrated to the latest schema.
 * A corrupt file is moved aside and a fresh one started; nothing is deleted. A locked file is
 * an error with a clear message: moving aside a file another process uses would lose its data.
 */
export function openStore(dataDir: string): StoreHandle {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  let recoveredFrom: string | null = null;
  let reason = '';
  let db: Db;
  try {
    db = openMigrated(path);
  } catch (error) {
    if (isBusy(error)) throw new StoreLockedError(path);
    if (!isCorruption(error)) throw error;
    reason = (error as Error).message;
    recoveredFrom = moveAside(path);
    db = openMigrated(path);
  }
  return {
    db,
    path,
    recoveredFrom,
    message: recoveredFrom
      ? `The database ${path} was unreadable (${reason}); it was moved to ${recoveredFrom} and a fresh one was started.`
      : null,
  };
}
