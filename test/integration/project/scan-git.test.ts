import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/main/core/project/scan';
import { useTempDirs } from '../../helpers/temp-dir';
import { commitAll, writeTree } from '../../unit/main/core/project/scan/tree';

function reasons(skipped: Array<{ reason: string; count: number }>): Record<string, number> {
  return Object.fromEntries(skipped.map(({ reason, count }) => [reason, count]));
}

describe('scanProject in a git repository (real git)', () => {
  const tempDir = useTempDirs();

  it('lists tracked and untracked files, leaves out ignored ones, and counts languages and lines', async () => {
    const root = tempDir();
    writeTree(root, {
      '.gitignore': '*.tmp\nsecret/\n',
      'src/index.ts': 'const a = 1;\nconst b = 2;\nexport { a, b };\n',
      'src/util.ts': 'x\n'.repeat(5),
      'lib/train.py': 'import torch\nprint(torch.__version__)',
      'README.md': '# T\n\ntext\n',
      'package.json': '{ "name": "t" }\n',
    });
    commitAll(root);
    writeTree(root, {
      'src/new.ts': 'untracked\nbut not ignored\n',
      'scratch.tmp': 'ignored\n',
      'secret/key.ts': 'ignored\n',
      'node_modules/dep/index.js': 'vendored\n',
      'node_modules/dep/package.json': '{}\n',
      'crates/x/target/debug/build.rs': 'build output\n',
    });

    const scan = await scanProject(root);

    expect(scan.stats.method).toBe('git ls-files');
    expect(scan.stats.files).toBe(7); // .gitignore + 5 committed + src/new.ts
    const byLanguage = Object.fromEntries(scan.languages.map((l) => [l.language, l]));
    expect(byLanguage.TypeScript).toMatchObject({ files: 3, lines: 10 });
    expect(byLanguage.Python).toMatchObject({ files: 1, lines: 2 });
    expect(byLanguage.Markdown).toMatchObject({ files: 1, lines: 3 });
    expect(byLanguage.JSON).toMatchObject({ files: 1, lines: 1 });
    expect(scan.languages[0]!.language).toBe('TypeScript');
    expect(reasons(scan.stats.skipped)).toMatchObject({
      'vendored folder: node_modules': 1,
      'build output folder: target': 1,
    });
    expect(scan.stats.skipped.find((s) => s.reason.endsWith('target'))?.example).toBe('crates/x/target');
    expect(scan.interesting).toEqual(['lib/train.py', 'package.json']);
    expect(scan.sizes.get('package.json')).toBe(16);
    expect(scan.stats.truncated).toBe(false);
  });

  it('scans a subfolder of a repository as its own root', async () => {
    const repo = tempDir();
    writeTree(repo, {
      'packages/app/package.json': '{}\n',
      'packages/app/src/main.ts': 'one\ntwo\n',
      'packages/other/src/x.ts': 'not in this root\n',
      'top.ts': 'nor this\n',
    });
    commitAll(repo);

    const scan = await scanProject(join(repo, 'packages', 'app'));

    expect(scan.stats.method).toBe('git ls-files');
    expect(scan.stats.files).toBe(2);
    expect(scan.interesting).toEqual(['package.json']);
    expect(scan.languages.find((l) => l.language === 'TypeScript')).toMatchObject({ files: 1, lines: 2 });
  });

  it('does not follow a committed symlink out of the root, and counts deleted tracked files as missing', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(outside, { 'secret.ts': 'outside\n'.repeat(100) });
    writeTree(root, { 'a.ts': 'a\n', 'gone.ts': 'soon deleted\n' });
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(outside, 'secret.ts'), join(root, 'out-file.ts'));
    commitAll(root);
    // Deleted after committing: git still lists it, the disk no longer has it.
    rmSync(join(root, 'gone.ts'));

    const scan = await scanProject(root);

    expect(reasons(scan.stats.skipped)).toMatchObject({ 'symlink leaving the root': 2 });
    expect(scan.stats.skipped.some((s) => s.reason.startsWith('listed but missing'))).toBe(true);
    expect(scan.languages.find((l) => l.language === 'TypeScript')).toMatchObject({ files: 1, lines: 1 });
  });
});
