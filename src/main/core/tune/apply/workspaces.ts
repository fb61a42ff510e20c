import { constants, existsSync, lstatSync } from 'node:fs';
import { access, cp, rm, rmdir, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { TuneJournalRepository } from '../../store/tune-journal';
import type { FileEdit } from '../types';
import { addWorktree, freeBranchName, git, removeWorktree } from './git-ops';
import { writeEdits } from './write-edits';

/** Dependency folders linked, not copied, into a workspace: large, and needed to build. */
const LINKED = ['node_modules'];
/** Never copied into a temporary copy: build output and environments each side rebuilds. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'target', '.venv', 'venv', '__pycache__']);

export interface Workspaces {
  /** The project folder on each side (inside the worktree when the project is a subfolder of the repository). */
  baselineDir: string;
  candidateDir: string;
  /** What to remove: the worktrees or copies themselves. */
  baselineRoot: string;
  candidateRoot: string;
  /** The candidate's branch (git only). */
  branch: string | null;
  /** The commit both worktrees start from: HEAD when they were made (git only). */
  baseCommit: string | null;
  /** How the two sides were made, for the verification record. */
  mode: 'worktree' | 'copy';
}

async function linkDependencies(root: string, dir: string): Promise<void> {
  for (const name of LINKED) {
    const source = join(root, name);
    if (existsSync(source) && !existsSync(join(dir, name))) await symlink(source, join(dir, name), 'dir');
  }
}

async function copyProject(root: string, dir: string): Promise<void> {
  await cp(root, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => source === root || !NOT_COPIED.has(basename(source)) || !lstatSync(source).isDirectory(),
  });
}

/** The project's folder inside its repository ("" at the top, "packages/app/" in a monorepo). */
export async function repositoryPrefix(root: string): Promise<string> {
  return git(root, ['rev-parse', '--show-prefix']);
}

/** `join` keeps a trailing slash; the sides are compared and shown as plain folder paths. */
function inside(tree: string, prefix: string): string {
  return prefix ? join(tree, prefix).replace(/\/+$/, '') : tree;
}

/**
 * `git worktree add` writes into the repository's .git folder; on a read-only filesystem (or a
 * repository the user cannot write) verification falls back to temporary copies instead.
 */
async function canWriteGitMetadata(root: string): Promise<boolean> {
  try {
    const gitDir = await git(root, ['rev-parse', '--absolute-git-dir']);
    await access(gitDir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the two sides of a verification under `workDir`, never touching the user's tree: git
 * worktrees (baseline detached at HEAD, candidate on a new `tunebench/<rule>` branch) or, for a
 * folder without git or when asked to include uncommitted work, two temporary copies. Every step
 * is journalled before it happens, so recovery knows what may exist after a crash.
 */
export async function prepareWorkspaces(input: {
  root: string;
  changeId: number;
  ruleId: string;
  edits: readonly FileEdit[];
  workDir: string;
  useGit: boolean;
  journal: TuneJournalRepository;
}): Promise<Workspaces> {
  const dir = join(input.workDir, String(input.changeId));
  const baselineDir = join(dir, 'baseline');
  const candidateDir = join(dir, 'candidate');
  // No mkdir here: git and cp create the folder after the journal has recorded it.
  if (input.useGit && (await canWriteGitMetadata(input.root))) {
    const head = await git(input.root, ['rev-parse', 'HEAD']);
    const branch = await freeBranchName(input.root, input.ruleId);
    input.journal.record(input.changeId, { step: 'worktree', path: baselineDir, branch: null });
    await addWorktree(input.root, baselineDir, head, null);
    input.journal.record(input.changeId, { step: 'branch', name: branch, base: head });
    input.journal.record(input.changeId, { step: 'worktree', path: candidateDir, branch });
    await addWorktree(input.root, candidateDir, head, branch);
    // A worktree holds the whole repository; the project may be one of its subfolders.
    const prefix = await repositoryPrefix(input.root);
    const sides = { baselineDir: inside(baselineDir, prefix), candidateDir: inside(candidateDir, prefix) };
    for (const side of [sides.baselineDir, sides.candidateDir]) await linkDependencies(input.root, side);
    await writeEdits(sides.candidateDir, input.edits);
    return {
      ...sides,
      baselineRoot: baselineDir,
      candidateRoot: candidateDir,
      branch,
      baseCommit: head,
      mode: 'worktree',
    };
  }
  for (const side of [baselineDir, candidateDir]) {
    input.journal.record(input.changeId, { step: 'copy', path: side });
    await copyProject(input.root, side);
    await linkDependencies(input.root, side);
  }
  await writeEdits(candidateDir, input.edits);
  return {
    baselineDir,
    candidateDir,
    baselineRoot: baselineDir,
    candidateRoot: candidateDir,
    branch: null,
    baseCommit: null,
    mode: 'copy',
  };
}

/** Removes both sides (the candidate branch stays until keep or discard). */
export async function removeWorkspaces(
  root: string,
  changeId: number,
  workspaces: Workspaces,
  journal: TuneJournalRepository,
): Promise<void> {
  for (const side of [workspaces.baselineRoot, workspaces.candidateRoot]) {
    if (workspaces.mode === 'worktree') await removeWorktree(root, side);
    await rm(side, { recursive: true, force: true });
    journal.record(changeId, { step: 'cleaned', path: side });
  }
  await removeIfEmpty(dirname(workspaces.baselineRoot));
}

/** Drops a per-change folder once both sides are gone (never anything with content). */
export async function removeIfEmpty(dir: string): Promise<void> {
  await rmdir(dir).catch(() => undefined);
}
