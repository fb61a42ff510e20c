import { SAFE_GIT_ARGS } from '../../project/safe-git';
import { runTool } from '../../util/run-tool';

export class GitOperationError extends Error {}

/**
 * git with the safe configuration (no hooks, fsmonitor, pager or external diff from the
 * project's config) and a fixed identity for commits Tunebench makes on its own branches.
 */
export async function git(cwd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const result = await runTool(
    'git',
    ['-C', cwd, ...SAFE_GIT_ARGS, '-c', 'user.name=Tunebench', '-c', 'user.email=tunebench@localhost', ...args],
    { timeoutMs },
  );
  if (result.exitCode !== 0) {
    throw new GitOperationError(
      `git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim() || `exit ${result.exitCode}`}`,
    );
  }
  return result.stdout.trim();
}

export async function tryGit(cwd: string, args: string[]): Promise<string | null> {
  try {
    return await git(cwd, args);
  } catch {
    return null;
  }
}

export async function branchExists(root: string, name: string): Promise<boolean> {
  return (await tryGit(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])) !== null;
}

/** A branch name for the rule that does not exist yet: tunebench/<rule>, then -2, -3… */
export async function freeBranchName(root: string, ruleId: string): Promise<string> {
  const base = `tunebench/${ruleId.replace(/[^\w.-]+/g, '-')}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await branchExists(root, name))) return name;
  }
}

export async function addWorktree(root: string, path: string, ref: string, newBranch: string | null): Promise<void> {
  await git(root, ['worktree', 'add', '--quiet', ...(newBranch ? ['-b', newBranch] : ['--detach']), path, ref]);
}

/** Removes a worktree Tunebench made (forced: it holds only our patch and build output). */
export async function removeWorktree(root: string, path: string): Promise<void> {
  await tryGit(root, ['worktree', 'remove', '--force', '--force', path]);
  await tryGit(root, ['worktree', 'prune']);
}
