import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectBenchmarkSpecs } from '../../../../../src/main/core/project/bench-plan';
import { cleanableOutputs } from '../../../../../src/main/core/project/clean-outputs';
import { readGitInfo } from '../../../../../src/main/core/project/git';
import type { ProjectProfile } from '../../../../../src/shared/schemas/project';
import { git } from '../../../../helpers/fixture-project';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

async function profileOf(root: string): Promise<ProjectProfile> {
  return {
    root,
    name: 'app',
    scannedAt: '',
    scan: {
      method: 'git ls-files',
      files: 0,
      bytes: 0,
      durationMs: 0,
      skipped: [],
      cache: { hits: 0, misses: 0, hitRate: 0 },
      truncated: false,
    },
    languages: [],
    stacks: [],
    commands: [
      { id: 'node:.:build', kind: 'build', command: 'npm run build', cwd: '', source: 'inferred', evidence: null },
    ],
    artifacts: [],
    problems: [],
    git: await readGitInfo(root),
    trusted: true,
  };
}

describe('clean builds of Node projects', () => {
  it('only ever deletes output folders that git ignores, never tracked or unignored ones', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    writeFileSync(join(root, '.gitignore'), 'dist\n');
    mkdirSync(join(root, 'build'));
    writeFileSync(join(root, 'build', 'handwritten.sh'), 'echo keep me\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
    const profile = await profileOf(root);
    const outputs = await cleanableOutputs(profile);
    expect(outputs.get('node:.:build')).toEqual([join(root, 'dist')]);
    const specs = projectBenchmarkSpecs(profile, ['build'], outputs);
    const clean = specs.find((s) => s.id.startsWith('build-clean'))!;
    expect(clean.params.prepare).toBe(`rm -rf '${join(root, 'dist')}'`);
    expect(specs.map((s) => s.id)).toEqual(['build-node-build', 'build-clean-node-build']);
  });

  it('measures no clean build outside git, where output cannot be told from sources', async () => {
    const root = tempDir();
    const profile = await profileOf(root);
    expect((await cleanableOutputs(profile)).size).toBe(0);
    expect(projectBenchmarkSpecs(profile, ['build']).map((s) => s.id)).toEqual(['build-node-build']);
  });
});
