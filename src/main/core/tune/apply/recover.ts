import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeIfEmpty } from './workspaces';
import { ownerAlive, type TuneChangeRepository } from '../../store/tune-changes';
import type { TuneJournalRepository } from '../../store/tune-journal';
import { branchExists, removeWorktree, tryGit } from './git-ops';

export interface RecoveryReport {
  changeId: number;
  root: string;
  removed: string[];
  /** Branches left in place because they hold commits (listed for the user, never deleted). */
  branchesKept: string[];
  branchesDeleted: string[];
}

/**
 * Undoes what interrupted verifications left behind, from their journal: worktrees and
 * temporary copies are removed, a candidate branch that holds no commit of its own is deleted
 * (it only ever pointed at the base), and the change is marked failed with what was done.
 * The user's working tree is never part of a verification, so it needs no repair.
 */
export async function recoverInterrupted(
  changes: TuneChangeRepository,
  journal: TuneJournalRepository,
): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (const change of changes.unfinished()) {
    // Another running app or CLI may be verifying right now: its work is not an interruption.
    if (ownerAlive(change.owner)) continue;
    const report: RecoveryReport = {
      changeId: change.id,
      root: change.root,
      removed: [],
      branchesKept: [],
      branchesDeleted: [],
    };
    const rootExists = existsSync(change.root);
    const entries = journal.entries(change.id).map((row) => row.entry);
    // Workspaces first: a branch checked out in a worktree cannot be deleted.
    for (const entry of entries) {
      if (entry.step !== 'worktree' && entry.step !== 'copy') continue;
      if (entry.step === 'worktree' && rootExists) await removeWorktree(change.root, entry.path);
      try {
        await rm(entry.path, { recursive: true, force: true });
      } catch (error) {
        report.removed.push(`${entry.path} (could not be removed: ${(error as Error).message})`);
        continue;
      }
      journal.record(change.id, { step: 'cleaned', path: entry.path });
      await removeIfEmpty(dirname(entry.path));
      report.removed.push(entry.path);
    }
    for (const entry of entries) {
      if (entry.step !== 'branch' || !rootExists || !(await branchExists(change.root, entry.name))) continue;
      const own = await tryGit(change.root, ['rev-list', '--count', `${entry.base}..refs/heads/${entry.name}`]);
      if (own === '0' && (await tryGit(change.root, ['branch', '-D', entry.name])) !== null) {
        report.branchesDeleted.push(entry.name);
      } else report.branchesKept.push(entry.name);
    }
    if (rootExists) await tryGit(change.root, ['worktree', 'prune']);
    journal.record(change.id, { step: 'finished', status: 'failed' });
    changes.update(change.id, {
      status: 'failed',
      note:
        'interrupted (the app or CLI stopped during verification); recovered at the next start: ' +
        `${report.removed.length} workspace(s) removed` +
        (report.branchesDeleted.length ? `, branch ${report.branchesDeleted.join(', ')} deleted` : '') +
        (report.branchesKept.length ? `, branch ${report.branchesKept.join(', ')} kept (it has commits)` : ''),
    });
    reports.push(report);
  }
  // Workspaces of finished changes that were never cleaned (a crash while keeping).
  for (const open of journal.openWorkspaces()) {
    const change = changes.get(open.changeId);
    if (change && ownerAlive(change.owner)) continue;
    if (open.kind === 'worktree' && change && existsSync(change.root)) await removeWorktree(change.root, open.path);
    const removed = await rm(open.path, { recursive: true, force: true }).then(
      () => true,
      () => false,
    );
    if (!removed) continue;
    journal.record(open.changeId, { step: 'cleaned', path: open.path });
    await removeIfEmpty(dirname(open.path));
    const report = reports.find((r) => r.changeId === open.changeId);
    if (report) report.removed.push(open.path);
    else
      reports.push({
        changeId: open.changeId,
        root: change?.root ?? '',
        removed: [open.path],
        branchesKept: [],
        branchesDeleted: [],
      });
  }
  return reports;
}
