import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/main/core/project/scan';
import { useTempDirs } from '../../helpers/temp-dir';
import { writeTree } from '../../unit/main/core/project/scan/tree';

function reasons(skipped: Array<{ reason: string; count: number }>): Record<string, number> {
  return Object.fromEntries(skipped.map(({ reason, count }) => [reason, count]));
}

const runningAsRoot = process.getuid?.() === 0;

describe('scanProject outside git (own walk)', () => {
  const tempDir = useTempDirs();

  it('honours nested .gitignore files, with the nearest rule deciding', async () => {
    const root = tempDir();
    writeTree(root, {
      '.gitignore': '*.log\n/generated\n',
      'app.ts': 'kept\n',
      'debug.log': 'ignored by the root rule\n',
      'generated/x.ts': 'ignored: anchored folder\n',
      'sub/.gitignore': '!keep.log\nlocal.ts\n',
      'sub/keep.log': 're-included by the nearer rule\n',
      'sub/local.ts': 'ignored by the nested rule\n',
      'sub/generated/y.ts': 'kept: the root rule is anchored to the root\n',
      'sub/deeper/other.log': 'ignored by the root rule\n',
    });

    const scan = await scanProject(root);

    expect(scan.stats.method).toBe('walk');
    expect(scan.stats.files).toBe(5); // .gitignore, app.ts, sub/.gitignore, sub/keep.log, sub/generated/y.ts
    expect(scan.languages.find((l) => l.language === 'TypeScript')).toMatchObject({ files: 2, lines: 2 });
  });

  it('skips vendored and build folders with counts, and bin/obj only next to a .NET project', async () => {
    const root = tempDir();
    writeTree(root, {
      'index.js': 'x\n',
      'node_modules/a/index.js': 'v\n',
      'packages/p/node_modules/b/index.js': 'v\n',
      'target/release/main.rs': 'b\n',
      '.venv/lib/site.py': 'v\n',
      'tools/bin/run.sh': 'echo kept\n',
      'dotnet/App.csproj': '<Project />\n',
      'dotnet/bin/Debug/app.dll': 'b',
      'dotnet/obj/project.assets.json': '{}',
    });

    const scan = await scanProject(root);

    expect(reasons(scan.stats.skipped)).toEqual({
      'vendored folder: node_modules': 2,
      'build output folder: target': 1,
      'virtualenv folder: .venv': 1,
      'build output folder: bin (.NET)': 1,
      'build output folder: obj (.NET)': 1,
    });
    expect(scan.stats.files).toBe(3); // index.js, tools/bin/run.sh, dotnet/App.csproj
  });

  it('counts a binary file with a .ts extension as skipped "binary", not as lines', async () => {
    const root = tempDir();
    writeTree(root, {
      'real.ts': 'one\ntwo\n',
      'fake.ts': Buffer.concat([Buffer.from('\n\n\n'), Buffer.alloc(100), Buffer.from('\n\n')]),
    });

    const scan = await scanProject(root);

    expect(scan.languages).toEqual([{ language: 'TypeScript', files: 1, lines: 2, bytes: 8 }]);
    expect(scan.stats.skipped).toEqual([
      { reason: 'binary content with a source extension', count: 1, example: 'fake.ts' },
    ]);
    expect(scan.stats.files).toBe(2);
  });

  it('survives symlink loops and never follows a link out of the root', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(outside, { 'secret.ts': 'outside\n'.repeat(50) });
    writeTree(root, { 'src/a.ts': 'a\n' });
    symlinkSync('..', join(root, 'src', 'up')); // src/up → root: a loop
    symlinkSync('.', join(root, 'self'));
    symlinkSync('src', join(root, 'alias')); // inside the root: followed once, counted once
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(outside, 'secret.ts'), join(root, 'out-file.ts'));
    symlinkSync('missing-target', join(root, 'dangling.ts'));

    const scan = await scanProject(root);

    expect(scan.languages).toEqual([{ language: 'TypeScript', files: 1, lines: 1, bytes: 2 }]);
    const skipped = reasons(scan.stats.skipped);
    expect(skipped['symlink leaving the root']).toBe(2);
    expect(skipped['symlink loop or folder reached twice']).toBe(3); // src/up, self, and one of src/alias
    expect(skipped['broken symlink or symlink loop']).toBe(1);
  });

  it('never opens a FIFO (it would block the scan)', async () => {
    const root = tempDir();
    writeTree(root, { 'a.ts': 'a\n' });
    execFileSync('mkfifo', [join(root, 'pipe.ts')]);

    const scan = await scanProject(root);

    expect(reasons(scan.stats.skipped)).toEqual({ 'special file (FIFO, socket or device)': 1 });
    expect(scan.stats.files).toBe(1);
  });

  // root reads any folder whatever its mode, so this cannot be provoked when the tests run as root.
  it.skipIf(runningAsRoot)('counts an unreadable folder as skipped instead of failing', async () => {
    const root = tempDir();
    writeTree(root, { 'a.ts': 'a\n', 'locked/b.ts': 'b\n' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const scan = await scanProject(root);
      expect(scan.stats.skipped).toEqual([{ reason: 'unreadable folder', count: 1, example: 'locked' }]);
      expect(scan.stats.files).toBe(1);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });
});
