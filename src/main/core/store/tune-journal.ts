import type { Db } from './database';

/**
 * Side effects a verification has on disk or in git, written *before* each is attempted, so a
 * crash at any point leaves a record of what may exist and recovery can undo exactly that.
 */
export type JournalStep =
  | { step: 'worktree'; path: string; branch: string | null }
  | { step: 'copy'; path: string }
  | { step: 'branch'; name: string; base: string }
  | { step: 'cleaned'; path: string }
  | { step: 'finished'; status: string };

export interface JournalEntry {
  id: number;
  changeId: number;
  entry: JournalStep;
  at: string;
}

export class TuneJournalRepository {
  constructor(private readonly db: Db) {}

  record(changeId: number, entry: JournalStep): void {
    this.db
      .prepare('INSERT INTO tune_journal (change_id, step, detail_json, at) VALUES (?, ?, ?, ?)')
      .run(changeId, entry.step, JSON.stringify(entry), new Date().toISOString());
  }

  /**
   * Workspaces recorded as created but never recorded as cleaned, across all changes: what a
   * crash during keep (or verification) can leave behind.
   */
  openWorkspaces(): Array<{ changeId: number; path: string; kind: 'worktree' | 'copy' }> {
    const rows = this.db
      .prepare(
        `SELECT change_id, step, detail_json FROM tune_journal WHERE step IN ('worktree', 'copy', 'cleaned') ORDER BY id`,
      )
      .all() as Array<{ change_id: number; step: string; detail_json: string }>;
    const open = new Map<string, { changeId: number; path: string; kind: 'worktree' | 'copy' }>();
    for (const row of rows) {
      const entry = JSON.parse(row.detail_json) as { path: string };
      if (row.step === 'cleaned') open.delete(entry.path);
      else open.set(entry.path, { changeId: row.change_id, path: entry.path, kind: row.step as 'worktree' | 'copy' });
    }
    return [...open.values()];
  }

  entries(changeId: number): JournalEntry[] {
    return (
      this.db
        .prepare('SELECT id, change_id, detail_json, at FROM tune_journal WHERE change_id = ? ORDER BY id')
        .all(changeId) as Array<{ id: number; change_id: number; detail_json: string; at: string }>
    ).map((row) => ({
      id: row.id,
      changeId: row.change_id,
      entry: JSON.parse(row.detail_json) as JournalStep,
      at: row.at,
    }));
  }
}
