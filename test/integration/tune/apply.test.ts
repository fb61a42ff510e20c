import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type StoreHandle } from '../../../src/main/core/store/database';
import { TuneChangeRepository } from '../../../src/main/core/store/tune-changes';
import { TuneJournalRepository } from '../../../src/main/core/store/tune-journal';
import { OutsideRootError } from '../../../src/main/core/tune/apply/guard';
import { discardChange, keepChange } from '../../../src/main/core/tune/apply/keep';
import { recoverInterrupted } from '../../../src/main/core/tune/apply/recover';
import { prepareWorkspaces, removeWorkspaces } from '../../../src/main/core/tune/apply/workspaces';
import { ChangedSinceDetectionError, writeEdits } from '../../../src/main/core/tune/apply/write-edits';
import type { FileEdit } from '../../../src/main/core/tune/types';
import { git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';

const CONFIG = '# settings\nlevel = 1\n';

function repo(dir: string): string {
  const root = join(dir, 'project');
  mkdirSync(root);
  writeFileSync(join(root, 'config.toml'), CONFIG);
  writeFileSync(join(root, 'notes.txt'), 'mine\n');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

const edit: FileEdit = { file: 'config.toml', before: CONFIG, after: '# settings\nlevel = 2\n' };

function worktrees(root: string): string[] {
  return execFileSync('git', ['-C', root, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('worktree '));
}

function branches(root: string): string[] {
  return git(root, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean);
}

describe('tune/apply', () => {
  const tempDir = useTempDirs();
  let store: StoreHandle | null = null;
  afterEach(() => store?.db.close());

  /** A change that applies `edit` to the demo project, as verification records it. */
  function demoChange(changes: TuneChangeRepository, root: string, baseCommit: string | null) {
    return changes.create({
      root,
      findingId: 'demo.level',
      ruleId: 'demo.level',
      stack: 'rust',
      baseCommit,
      edits: [edit],
      diff: '',
    });
  }

  /** Baseline and candidate for that change: worktrees (git) or copies. */
  function demoWorkspaces(
    root: string,
    changeId: number,
    workDir: string,
    journal: TuneJournalRepository,
    useGit = true,
  ) {
    return prepareWorkspaces({ root, changeId, ruleId: 'demo.level', edits: [edit], workDir, useGit, journal });
  }

  function repos(dir: string) {
    store = openStore(join(dir, 'data'));
    return { changes: new TuneChangeRepository(store.db), journal: new TuneJournalRepository(store.db) };
  }

  it('refuses edits that leave the root, directly or through a symlink', async () => {
    const dir = tempDir();
    const root = repo(dir);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(root, 'linked'));
    await expect(writeEdits(root, [{ file: '../x.txt', before: null, after: 'x' }])).rejects.toThrow(OutsideRootError);
    await expect(writeEdits(root, [{ file: 'linked/new.txt', before: null, after: 'x' }])).rejects.toThrow(
      /outside .* \(a symlink\?\)/,
    );
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('refuses a fix whose file changed since detection, and writes nothing', async () => {
    const root = repo(tempDir());
    writeFileSync(join(root, 'config.toml'), '# settings\nlevel = 7\n');
    await expect(writeEdits(root, [edit])).rejects.toThrow(ChangedSinceDetectionError);
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe('# settings\nlevel = 7\n');
  });

  it('verifies in worktrees: the working tree is untouched; keep commits on the branch; discard deletes it', async () => {
    const dir = tempDir();
    const root = repo(dir);
    writeFileSync(join(root, 'notes.txt'), 'uncommitted work\n'); // the user's own, must survive
    const { changes, journal } = repos(dir);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    const change = demoChange(changes, root, head);
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal);
    expect(readFileSync(join(spaces.candidateDir, 'config.toml'), 'utf8')).toBe(edit.after);
    expect(readFileSync(join(spaces.baselineDir, 'config.toml'), 'utf8')).toBe(CONFIG);
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe(CONFIG);
    expect(spaces.branch).toBe('tunebench/demo.level');
    await removeWorkspaces(root, change.id, spaces, journal);
    expect(worktrees(root)).toHaveLength(1);

    changes.update(change.id, { status: 'verified', branch: spaces.branch });
    const kept = await keepChange(
      changes.get(change.id)!,
      { merge: false, workDir: join(dir, 'work'), backupDir: join(dir, 'backup') },
      { changes, journal },
    );
    expect(kept.status).toBe('kept');
    expect(git(root, 'show', `${kept.commit}:config.toml`)).toBe(edit.after);
    expect(git(root, 'log', '-1', '--format=%s', 'tunebench/demo.level').trim()).toBe('tunebench: demo.level');
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe(CONFIG);
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('uncommitted work\n');
    expect(worktrees(root)).toHaveLength(1);

    // A second verification of the same rule gets its own branch; discarding deletes only that one.
    const second = demoChange(changes, root, head);
    const spaces2 = await demoWorkspaces(root, second.id, join(dir, 'work'), journal);
    expect(spaces2.branch).toBe('tunebench/demo.level-2');
    await removeWorkspaces(root, second.id, spaces2, journal);
    changes.update(second.id, { status: 'verified', branch: spaces2.branch });
    await discardChange(changes.get(second.id)!, { changes });
    expect(branches(root).sort()).toEqual(['main', 'tunebench/demo.level']);
  });

  it('keep --merge fast-forwards when HEAD has not moved and the files are clean', async () => {
    const dir = tempDir();
    const root = repo(dir);
    const { changes, journal } = repos(dir);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    const change = demoChange(changes, root, head);
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal);
    await removeWorkspaces(root, change.id, spaces, journal);
    changes.update(change.id, { status: 'verified', branch: spaces.branch });
    const kept = await keepChange(
      changes.get(change.id)!,
      { merge: true, workDir: join(dir, 'work'), backupDir: join(dir, 'b') },
      { changes, journal },
    );
    expect(kept.merged).toMatch(/^fast-forwarded main to /);
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe(edit.after);
  });

  it('records the commit the worktrees start from, so keep fast-forwards even when HEAD moved after the scan', async () => {
    const dir = tempDir();
    const root = repo(dir);
    const { changes, journal } = repos(dir);
    const scanned = git(root, 'rev-parse', 'HEAD').trim();
    const change = demoChange(changes, root, scanned);
    // The user commits an unrelated file between the scan and the verification.
    writeFileSync(join(root, 'NOTES.md'), 'later\n');
    git(root, 'add', 'NOTES.md');
    git(root, 'commit', '-q', '-m', 'later');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal);
    expect(spaces.baseCommit).toBe(head);
    await removeWorkspaces(root, change.id, spaces, journal);
    changes.update(change.id, { status: 'verified', branch: spaces.branch, baseCommit: spaces.baseCommit });
    expect(changes.get(change.id)!.baseCommit).toBe(head);
    const kept = await keepChange(
      changes.get(change.id)!,
      { merge: true, workDir: join(dir, 'work'), backupDir: join(dir, 'b') },
      { changes, journal },
    );
    expect(kept.merged).toMatch(/^fast-forwarded main to /);
    expect(git(root, 'rev-parse', 'HEAD~1').trim()).toBe(head);
  });

  it('handles a project in a subfolder of its repository: edits, builds and commits land in that subfolder', async () => {
    const dir = tempDir();
    const top = join(dir, 'mono');
    mkdirSync(join(top, 'packages', 'app'), { recursive: true });
    writeFileSync(join(top, 'packages', 'app', 'config.toml'), CONFIG);
    writeFileSync(join(top, 'README.md'), 'top\n');
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'initial');
    const root = join(top, 'packages', 'app');
    const { changes, journal } = repos(dir);
    const head = git(top, 'rev-parse', 'HEAD').trim();
    const change = demoChange(changes, root, head);
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal);
    expect(spaces.candidateDir).toBe(join(spaces.candidateRoot, 'packages', 'app'));
    expect(readFileSync(join(spaces.candidateDir, 'config.toml'), 'utf8')).toBe(edit.after);
    expect(existsSync(join(spaces.candidateRoot, 'config.toml'))).toBe(false);
    await removeWorkspaces(root, change.id, spaces, journal);
    changes.update(change.id, { status: 'verified', branch: spaces.branch });
    const kept = await keepChange(
      changes.get(change.id)!,
      { merge: true, workDir: join(dir, 'work'), backupDir: join(dir, 'b') },
      { changes, journal },
    );
    expect(git(top, 'show', '--name-only', '--format=', kept.commit!).trim()).toBe('packages/app/config.toml');
    expect(kept.merged).toMatch(/^fast-forwarded main/);
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe(edit.after);
  });

  it('recovers after a crash mid-verification: worktrees removed, the empty branch deleted, change marked failed', async () => {
    const dir = tempDir();
    const root = repo(dir);
    const before = readFileSync(join(root, 'config.toml'));
    const { changes, journal } = repos(dir);
    const change = demoChange(changes, root, null);
    // As if the process died right after preparing: nothing was cleaned, the status is still "verifying".
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal);
    expect(worktrees(root)).toHaveLength(3);
    const reports = await recoverInterrupted(changes, journal);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.branchesDeleted).toEqual(['tunebench/demo.level']);
    expect(existsSync(spaces.baselineDir) || existsSync(spaces.candidateDir)).toBe(false);
    expect(worktrees(root)).toHaveLength(1);
    expect(branches(root)).toEqual(['main']);
    expect(changes.get(change.id)!.status).toBe('failed');
    expect(changes.get(change.id)!.note).toMatch(/interrupted/);
    expect(readFileSync(join(root, 'config.toml')).equals(before)).toBe(true);
    // Idempotent: a second start finds nothing to do.
    expect(await recoverInterrupted(changes, journal)).toEqual([]);
  });

  it('without git, verification uses two copies and keep writes atomically with a backup', async () => {
    const dir = tempDir();
    const root = join(dir, 'plain');
    mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(root, 'config.toml'), CONFIG);
    const { changes, journal } = repos(dir);
    const change = demoChange(changes, root, null);
    const spaces = await demoWorkspaces(root, change.id, join(dir, 'work'), journal, false);
    expect(spaces.mode).toBe('copy');
    expect(readFileSync(join(spaces.candidateDir, 'config.toml'), 'utf8')).toBe(edit.after);
    expect(readdirSync(join(spaces.candidateDir, 'node_modules'))).toEqual(['dep']); // linked, not copied
    await removeWorkspaces(root, change.id, spaces, journal);
    changes.update(change.id, { status: 'verified' });
    const kept = await keepChange(
      changes.get(change.id)!,
      { merge: false, workDir: join(dir, 'work'), backupDir: join(dir, 'backup') },
      { changes, journal },
    );
    expect(readFileSync(join(root, 'config.toml'), 'utf8')).toBe(edit.after);
    expect(readFileSync(join(dir, 'backup', String(change.id), 'config.toml'), 'utf8')).toBe(CONFIG);
    expect(kept.merged).toContain('previous versions in');
  });
});
