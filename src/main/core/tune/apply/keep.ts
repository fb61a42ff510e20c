import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { StoredChange, TuneChangeRepository } from '../../store/tune-changes';
import type { TuneJournalRepository } from '../../store/tune-journal';
import { readGitInfo } from '../../project/git';
import { branchExists, git, removeWorktree, tryGit } from './git-ops';
import { writeEdits } from './write-edits';
import { repositoryPrefix } from './workspaces';
import { commitMessage } from './commit-message';

export class KeepRefusedError extends Error {}

/**
 * Keep: the change is committed on its `tunebench/<rule>` branch (in a temporary worktree, so the
 * user's tree is untouched) with the before/after table in the message. With `merge`, it is then
 * brought into the current branch — fast-forward when HEAD has not moved, else cherry-pick — only
 * when none of its files has uncommitted changes; a conflict aborts the cherry-pick and leaves the
 * change on its branch. Without git, the files are written in place atomically, with a backup.
 */
export async function keepChange(
  change: StoredChange,
  options: { merge: boolean; workDir: string; backupDir: string },
  deps: { changes: TuneChangeRepository; journal: TuneJournalRepository },
): Promise<StoredChange> {
  if (change.status !== 'verified')
    throw new KeepRefusedError(`change #${change.id} is ${change.status}, not verified`);
  const verdict = change.verification?.overall;
  if (verdict === 'broke-build' || verdict === 'broke-tests') {
    throw new KeepRefusedError(`change #${change.id} was rejected (${verdict}): it is not kept`);
  }
  const files = change.edits.map((edit) => edit.file);
  if (!change.branch) {
    // Verified on a copy (no git, or uncommitted work): write into the user's files, backed up.
    const backup = join(options.backupDir, String(change.id));
    await writeEdits(change.root, change.edits, backup);
    return deps.changes.update(change.id, {
      status: 'kept',
      merged: `written into the working tree; previous versions in ${backup}`,
    });
  }
  if (!(await branchExists(change.root, change.branch))) {
    throw new KeepRefusedError(`branch ${change.branch} no longer exists: verify again`);
  }
  const dir = join(options.workDir, `${change.id}-keep`);
  deps.changes.claim(change.id);
  deps.journal.record(change.id, { step: 'worktree', path: dir, branch: change.branch });
  let commit: string;
  try {
    // The existing branch is checked out in the worktree, so the commit lands on it.
    await git(change.root, ['worktree', 'add', '--quiet', dir, change.branch]);
    const project = join(dir, await repositoryPrefix(change.root));
    await writeEdits(project, change.edits);
    await git(project, ['add', '--', ...files]);
    await git(project, ['commit', '--quiet', '--no-verify', '-m', commitMessage(change)]);
    commit = await git(dir, ['rev-parse', 'HEAD']);
  } finally {
    await removeWorktree(change.root, dir);
    await rm(dir, { recursive: true, force: true });
    deps.journal.record(change.id, { step: 'cleaned', path: dir });
  }
  // Recorded before anything else can fail: the commit exists on the branch from here on.
  const kept = deps.changes.update(change.id, { status: 'kept', commit });
  if (!options.merge) return kept;
  let merged: string;
  try {
    merged = await bringIntoCurrentBranch(change, commit, files);
  } catch (error) {
    merged = `not merged: ${(error as Error).message}; the change stays on ${change.branch}`;
  }
  return deps.changes.update(change.id, { merged });
}

async function bringIntoCurrentBranch(change: StoredChange, commit: string, files: string[]): Promise<string> {
  const info = await readGitInfo(change.root);
  if (info.operation) return `not merged: a ${info.operation} is in progress; the change stays on ${change.branch}`;
  const prefix = await repositoryPrefix(change.root);
  const dirty = files.filter((file) => info.dirtyFiles.includes(prefix + file));
  if (dirty.length > 0) {
    return `not merged: ${dirty.join(', ')} has uncommitted changes; the change stays on ${change.branch}`;
  }
  if (info.head === change.baseCommit && info.branch) {
    await git(change.root, ['merge', '--ff-only', '--quiet', change.branch!]);
    return `fast-forwarded ${info.branch} to ${commit.slice(0, 10)}`;
  }
  if (!info.branch) return `not merged: HEAD is detached; the change stays on ${change.branch}`;
  if ((await tryGit(change.root, ['cherry-pick', commit])) !== null) {
    return `cherry-picked onto ${info.branch ?? 'HEAD'} as ${(await git(change.root, ['rev-parse', 'HEAD'])).slice(0, 10)}`;
  }
  await tryGit(change.root, ['cherry-pick', '--abort']);
  return `not merged: cherry-pick onto ${info.branch ?? 'HEAD'} conflicts (aborted, nothing changed); the change stays on ${change.branch}`;
}

/** Discard: the candidate branch is deleted (it holds no commit unless kept) and the outcome kept. */
export async function discardChange(
  change: StoredChange,
  deps: { changes: TuneChangeRepository },
): Promise<StoredChange> {
  if (change.status === 'kept')
    throw new KeepRefusedError(`change #${change.id} was kept; revert its commit with git instead`);
  if (change.branch && (await branchExists(change.root, change.branch))) {
    await git(change.root, ['branch', '-D', change.branch]);
  }
  return deps.changes.update(change.id, { status: 'discarded' });
}
