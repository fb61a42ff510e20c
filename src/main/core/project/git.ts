import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { safeGit } from './safe-git';
import type { GitInfo } from '../../../shared/schemas/project';
import { errorMessage } from '../util/timebox';

/** Markers git leaves in .git while an operation is in progress; HEAD alone would mislead then. */
const OPERATIONS: Array<[string, string]> = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

function git(root: string): SimpleGit {
  return safeGit(root);
}

/** HEAD, branch, dirty files and any operation in progress; absence of git is data, not an error. */
export async function readGitInfo(root: string): Promise<GitInfo> {
  const repo = git(root);
  let topLevel: string;
  try {
    topLevel = (await repo.revparse(['--show-toplevel'])).trim();
  } catch (error) {
    const message = errorMessage(error);
    if (/not a git repository/i.test(message)) {
      return {
        status: 'absent',
        reason: 'not a git repository',
        head: null,
        branch: null,
        operation: null,
        dirtyFiles: [],
      };
    }
    if (/ENOENT|spawn git/i.test(message)) {
      return {
        status: 'unknown',
        reason: 'git is not installed',
        remedy: 'install git',
        head: null,
        branch: null,
        operation: null,
        dirtyFiles: [],
      };
    }
    return {
      status: 'unknown',
      reason: `git failed: ${message}`,
      head: null,
      branch: null,
      operation: null,
      dirtyFiles: [],
    };
  }
  const gitDir = (await repo.revparse(['--absolute-git-dir']).catch(() => join(topLevel, '.git'))).trim();
  const operation = OPERATIONS.find(([marker]) => existsSync(join(gitDir, marker)))?.[1] ?? null;
  let head: string | null;
  try {
    head = (await repo.revparse(['HEAD'])).trim();
  } catch {
    head = null; // a repository without commits yet
  }
  let branch: string | null;
  try {
    const name = (await repo.revparse(['--abbrev-ref', 'HEAD'])).trim();
    branch = name === 'HEAD' ? null : name;
  } catch {
    branch = null;
  }
  const status = await repo.status(['--porcelain=v1', '--untracked-files=normal', '--', '.']);
  return {
    status: 'present',
    reason: head === null ? 'the repository has no commits yet' : '',
    head,
    branch,
    operation,
    dirtyFiles: status.files.map((file) => file.path).slice(0, 500),
  };
}

export interface ChangesSince {
  commits: Array<{ hash: string; subject: string }>;
  files: string[];
}

/** Commits and files changed between a stored run's commit and HEAD (and the working tree). */
export async function changesSince(root: string, commit: string): Promise<ChangesSince | null> {
  const repo = git(root);
  try {
    const log = await repo.log({ from: commit, to: 'HEAD' });
    const diff = await repo.diff(['--name-only', commit, '--', '.']);
    return {
      commits: log.all.map((entry) => ({ hash: entry.hash, subject: entry.message })),
      files: diff.split('\n').filter(Boolean),
    };
  } catch {
    return null; // the commit is gone (rebased away) or this is not a repository
  }
}
