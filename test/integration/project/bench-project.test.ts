import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectProfileSchema } from '../../../src/shared/schemas/project';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { fixtureRepo, git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench scan on the fixtures', () => {
  it('reports stacks, commands and problems with evidence, and never needs trust', async () => {
    const home = tempDir();
    const rust = await runCli(['scan', fixtureRepo('rust-cli', tempDir()), '--json'], { TUNEBENCH_HOME: home });
    expect(rust.code).toBe(0);
    const profile = ProjectProfileSchema.parse(JSON.parse(rust.stdout));
    expect(profile.stacks.map((s) => s.id)).toContain('rust');
    expect(profile.commands.map((c) => c.command)).toEqual(
      expect.arrayContaining(['cargo build --release', 'cargo test']),
    );
    expect(profile.git).toMatchObject({ status: 'present', branch: 'main', operation: null });
    expect(profile.trusted).toBe(false);

    const malformed = await runCli(['scan', fixtureRepo('malformed', tempDir())], { TUNEBENCH_HOME: home });
    expect(malformed.code).toBe(0);
    expect(malformed.stdout).toMatch(/Problems\n(.*\n)*\s+package\.json:\d+:\d+: invalid JSON/);
    expect(malformed.stdout).toMatch(/Cargo\.toml:\d+:\d+: invalid TOML/);

    const missing = await runCli(['scan', join(tempDir(), 'nope')], { TUNEBENCH_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such folder/);
  }, 60_000);

  it('says when a rebase is in progress', async () => {
    const dir = fixtureRepo('python-service', tempDir());
    git(dir, 'checkout', '-q', '-b', 'feature');
    appendFileSync(join(dir, 'app.py'), '\n# feature\n');
    git(dir, 'commit', '-q', '-am', 'feature');
    git(dir, 'checkout', '-q', 'main');
    appendFileSync(join(dir, 'app.py'), '\n# main\n');
    git(dir, 'commit', '-q', '-am', 'main');
    git(dir, 'checkout', '-q', 'feature');
    try {
      git(dir, 'rebase', 'main');
    } catch {
      // the conflict is the point
    }
    const result = await runCli(['scan', dir, '--json'], { TUNEBENCH_HOME: tempDir() });
    expect(ProjectProfileSchema.parse(JSON.parse(result.stdout)).git.operation).toBe('rebase');
  }, 60_000);
});

describe('tunebench bench project', () => {
  it('refuses to run an untrusted project, then measures build time and binary size against the commit, and shows what changed', async () => {
    const home = tempDir();
    const dir = fixtureRepo('rust-cli', tempDir());
    const refused = await runCli(['bench', 'project', dir, '--only', 'build,size'], { TUNEBENCH_HOME: home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not trusted: running its build, test and bench commands needs your trust first/);

    const first = await runCli(
      ['bench', 'project', dir, '--only', 'build,size', '--trust', '--json'],
      { TUNEBENCH_HOME: home },
      300_000,
    );
    expect(first.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(first.stdout));
    expect(run.kind).toBe('project');
    expect(run.settings.options.commit).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    const ids = run.results.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'build-clean-rust-build',
        expect.stringMatching(/^build-/),
        'size-target/release/sieve-cli',
      ]),
    );
    const clean = run.results.find((r) => r.id.startsWith('build-clean'))!;
    const incremental = run.results.find((r) => r.id.startsWith('build-') && !r.id.startsWith('build-clean'))!;
    expect(clean.summary.median).toBeGreaterThan(incremental.summary.median);
    expect(clean.samples.length).toBeGreaterThanOrEqual(6);

    appendFileSync(join(dir, 'src', 'main.rs'), '\n// a change after the first measurement\n');
    git(dir, 'commit', '-q', '-am', 'second commit');
    const second = await runCli(['bench', 'project', dir, '--only', 'size'], { TUNEBENCH_HOME: home }, 120_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /Since run \d+ \([0-9a-f]{10}\):\n\s+[0-9a-f]{10} second commit\n\s+1 files changed: src\/main\.rs/,
    );
  }, 400_000);

  it('notes why the image size of a Dockerfile was not measured when no Docker engine answers', async () => {
    const home = tempDir();
    const dir = fixtureRepo('python-service', tempDir());
    const result = await runCli(
      ['bench', 'project', dir, '--only', 'size', '--trust', '--json'],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    const stored = await runCli(['bench', 'show', String(run.id), '--json'], { TUNEBENCH_HOME: home });
    const warnings = RunSchema.parse(JSON.parse(stored.stdout)).warnings.join('\n');
    if (!/image size: /.test(stored.stdout))
      expect(warnings).toMatch(
        /container image size not measured: (docker is not installed|the Docker engine is not answering)/,
      );
  }, 180_000);
});
