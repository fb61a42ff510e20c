import { hostname } from 'node:os';
import type { AppliedChange, Verification } from '../../../shared/schemas/tune';
import type { FileEdit } from '../tune/types';
import type { Db } from './database';

type Status = AppliedChange['status'];

interface ChangeRow {
  id: number;
  root: string;
  finding_id: string;
  rule_id: string;
  stack: string;
  base_commit: string | null;
  branch: string | null;
  commit_sha: string | null;
  status: Status;
  edits_json: string;
  diff: string;
  verification_json: string | null;
  merged: string | null;
  note: string | null;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoredChange extends AppliedChange {
  /** `host:pid` of the process working on it (verifying or keeping), so recovery leaves live work alone. */
  owner: string | null;
  stack: string;
  baseCommit: string | null;
  edits: FileEdit[];
}

function fromRow(row: ChangeRow): StoredChange {
  return {
    id: row.id,
    root: row.root,
    findingId: row.finding_id,
    ruleId: row.rule_id,
    stack: row.stack,
    baseCommit: row.base_commit,
    branch: row.branch,
    commit: row.commit_sha,
    status: row.status,
    edits: JSON.parse(row.edits_json) as FileEdit[],
    diff: row.diff,
    verification: row.verification_json ? (JSON.parse(row.verification_json) as Verification) : null,
    merged: row.merged,
    note: row.note,
    owner: row.owner,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** This process, as recorded in `owner`. */
export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Whether the process named by an `owner` value is still running on this machine. */
export function ownerAlive(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))];
  if (host !== hostname()) return true; // another machine's work on a shared folder: not ours to undo
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every verification Tunebench started in a project, and what became of it (kept, discarded, failed). */
export class TuneChangeRepository {
  constructor(private readonly db: Db) {}

  create(input: {
    root: string;
    findingId: string;
    ruleId: string;
    stack: string;
    baseCommit: string | null;
    edits: FileEdit[];
    diff: string;
  }): StoredChange {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO tune_changes (root, finding_id, rule_id, stack, base_commit, status, edits_json, diff, owner, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'verifying', ?, ?, ?, ?, ?)`,
      )
      .run(
        input.root,
        input.findingId,
        input.ruleId,
        input.stack,
        input.baseCommit,
        JSON.stringify(input.edits),
        input.diff,
        currentOwner(),
        now,
        now,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): StoredChange | null {
    const row = this.db.prepare('SELECT * FROM tune_changes WHERE id = ?').get(id) as ChangeRow | undefined;
    return row ? fromRow(row) : null;
  }

  list(root: string): StoredChange[] {
    return (this.db.prepare('SELECT * FROM tune_changes WHERE root = ? ORDER BY id DESC').all(root) as ChangeRow[]).map(
      fromRow,
    );
  }

  /** Verifications that never reached an end state: a crash or kill happened in the middle. */
  unfinished(): StoredChange[] {
    return (
      this.db.prepare(`SELECT * FROM tune_changes WHERE status = 'verifying' ORDER BY id`).all() as ChangeRow[]
    ).map(fromRow);
  }

  /** Marks this process as the one working on the change (keep). */
  claim(id: number): void {
    this.db.prepare('UPDATE tune_changes SET owner = ? WHERE id = ?').run(currentOwner(), id);
  }

  update(
    id: number,
    fields: Partial<{
      status: Status;
      branch: string | null;
      /** The commit both sides were made from (set when the worktrees are made, not at scan time). */
      baseCommit: string | null;
      commit: string | null;
      verification: Verification;
      merged: string;
      note: string;
    }>,
  ): StoredChange {
    const current = this.get(id);
    if (!current) throw new Error(`no applied change #${id}`);
    this.db
      .prepare(
        `UPDATE tune_changes SET status = ?, branch = ?, base_commit = ?, commit_sha = ?, verification_json = ?, merged = ?, note = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        fields.status ?? current.status,
        fields.branch !== undefined ? fields.branch : current.branch,
        fields.baseCommit !== undefined ? fields.baseCommit : current.baseCommit,
        fields.commit !== undefined ? fields.commit : current.commit,
        fields.verification
          ? JSON.stringify(fields.verification)
          : current.verification
            ? JSON.stringify(current.verification)
            : null,
        fields.merged ?? current.merged,
        fields.note ?? current.note,
        new Date().toISOString(),
        id,
      );
    return this.get(id)!;
  }
}
