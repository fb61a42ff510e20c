import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppliedChangeSchema, FindingsReportSchema } from '../../../src/shared/schemas/tune';
import { assertBuilt, runCli } from '../../helpers/cli';
import { fixtureRepo, git } from '../../helpers/fixture-project';
import { useTempDirs } from '../../helpers/temp-dir';
import { treeSnapshot } from '../../helpers/tree-snapshot';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

function worktreeCount(root: string): number {
  return execFileSync('git', ['-C', root, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('worktree ')).length;
}

describe('tunebench tune on the compute-heavy Rust fixture (real cargo, real git, real measurements)', () => {
  it('lists ranked findings with evidence and shows a fix as a diff without writing anything', async () => {
    const home = tempDir();
    const dir = fixtureRepo('rust-hash', tempDir());
    const before = treeSnapshot(dir);
    const listed = await runCli(['tune', dir, '--json'], { TUNEBENCH_HOME: home });
    expect(listed.code, listed.stderr).toBe(0);
    const report = FindingsReportSchema.parse(JSON.parse(listed.stdout));
    const lto = report.findings.find((f) => f.id === 'rust.release-lto');
    expect(lto).toBeDefined();
    expect(lto!.evidence[0]).toMatchObject({ file: 'Cargo.toml' });
    expect(report.score.score).toBeLessThan(100);
    expect(report.score.parts.some((part) => part.findingId === 'rust.release-lto')).toBe(true);

    const diff = await runCli(['tune', dir, '--diff', 'rust.release-lto'], { TUNEBENCH_HOME: home });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/^diff --git a\/Cargo\.toml b\/Cargo\.toml/m);
    expect(diff.stdout).toMatch(/^\+lto = /m);
    expect(diff.stdout).toContain(' # Release builds for the CLI.'); // context keeps the comment

    const untrusted = await runCli(['tune', dir, '--verify', 'rust.release-lto'], { TUNEBENCH_HOME: home });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/not trusted/);
    expect(treeSnapshot(dir)).toEqual(before);
  }, 120_000);

  it('--auto keeps LTO with a significant runtime improvement, rejects panic = "abort" because the tests break, and leaves the tree byte-identical', async () => {
    const home = tempDir();
    const dir = fixtureRepo('rust-hash', tempDir());
    const before = treeSnapshot(dir);
    const head = git(dir, 'rev-parse', 'HEAD').trim();

    // The release-profile fixes plus one that breaks the tests (panic = "abort" removes the unwinding the
    // CLI relies on, and `cargo test --release` catches it), verified one by one.
    const auto = await runCli(
      [
        'tune',
        dir,
        '--trust',
        '--auto',
        '--risk',
        'risky',
        '--top',
        '3',
        '--rules',
        'rust.release-lto,rust.release-codegen-units,rust.release-panic-abort',
      ],
      { TUNEBENCH_HOME: home },
      900_000,
    );
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stdout).toMatch(/kept\s+#\d+ rust\.release-lto kept \(improved\)/);
    expect(auto.stdout).toMatch(/discarded #\d+ rust\.release-panic-abort discarded \(broke-tests\)/);
    expect(treeSnapshot(dir)).toEqual(before);

    const changes = AppliedChangeSchema.array().parse(
      JSON.parse((await runCli(['tune', dir, '--changes', '--json'], { TUNEBENCH_HOME: home })).stdout),
    );
    expect(changes).toHaveLength(3);
    const rejected = changes.find((c) => c.findingId === 'rust.release-panic-abort')!;
    expect(rejected.verification?.overall).toBe('broke-tests');
    expect(rejected.verification?.tests.command).toBe('cargo test --release');
    expect(rejected.verification?.tests.output).toMatch(/empty_range_is_reported_not_fatal/);
    // Kept exactly when it improved: whatever codegen-units = 1 measured here, the rule was applied.
    const units = changes.find((c) => c.findingId === 'rust.release-codegen-units')!;
    expect(units.status).toBe(units.verification?.overall === 'improved' ? 'kept' : 'discarded');
    const branches = git(dir, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean).sort();
    expect(branches).toEqual(
      [
        'main',
        'tunebench/rust.release-lto',
        ...(units.status === 'kept' ? ['tunebench/rust.release-codegen-units'] : []),
      ].sort(),
    );
    const kept = changes.find((c) => c.findingId === 'rust.release-lto')!;
    expect(kept.status).toBe('kept');
    const runtime = kept.verification!.metrics.find((m) => m.metric === 'runtime')!;
    expect(runtime.verdict).toBe('better');
    expect(runtime.ciHigh).toBeLessThan(0);
    expect(runtime.pValue!).toBeLessThan(0.05);
    expect(runtime.baseline.n).toBeGreaterThanOrEqual(10);
    // Kept on its own branch with the table in the message; the user's branch and files are as they were.
    expect(git(dir, 'show', `${kept.commit}:Cargo.toml`)).toMatch(/^lto = /m);
    expect(git(dir, 'log', '-1', '--format=%B', kept.branch!)).toMatch(/\| run: cargo bench \|/);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(worktreeCount(dir)).toBe(1);
    expect(treeSnapshot(dir)).toEqual(before);
    // The verdicts are outcomes: LTO (improved) ranks higher than before, panic = "abort" (rejected) lower.
    const relisted = FindingsReportSchema.parse(
      JSON.parse((await runCli(['tune', dir, '--json'], { TUNEBENCH_HOME: home })).stdout),
    );
    const ltoFinding = relisted.findings.find((f) => f.id === 'rust.release-lto')!;
    const ltoAfter = ltoFinding.ranking;
    const panicAfter = relisted.findings.find((f) => f.id === 'rust.release-panic-abort')!;
    expect(ltoAfter.outcomes).toBe(1);
    expect(ltoAfter.pImprove).toBeGreaterThan(ltoFinding.rule.prior.pImprove);
    expect(ltoAfter.projects).toBe(1);
    expect(panicAfter.ranking.outcomes).toBe(1);
    expect(panicAfter.ranking.pImprove).toBeLessThan(panicAfter.rule.prior.pImprove);
    // A team shares what paid off: export here, import on another machine, and its ranking moves too.
    const exported = join(tempDir(), 'outcomes.json');
    expect((await runCli(['tune', '--export-outcomes', exported], { TUNEBENCH_HOME: home })).code).toBe(0);
    const otherHome = tempDir();
    const imported = await runCli(['tune', '--import-outcomes', exported], { TUNEBENCH_HOME: otherHome });
    expect(imported.stdout).toMatch(/3 rule statistics imported/);
    const elsewhere = FindingsReportSchema.parse(
      JSON.parse((await runCli(['tune', dir, '--json'], { TUNEBENCH_HOME: otherHome })).stdout),
    );
    expect(elsewhere.findings.find((f) => f.id === 'rust.release-lto')!.ranking).toMatchObject({
      outcomes: 1,
      projects: 1,
    });
    // The same file again is refused: its outcomes would count twice.
    const again = await runCli(['tune', '--import-outcomes', exported], { TUNEBENCH_HOME: otherHome });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/was imported before: nothing added/);
    const afterAgain = FindingsReportSchema.parse(
      JSON.parse((await runCli(['tune', dir, '--json'], { TUNEBENCH_HOME: otherHome })).stdout),
    );
    expect(afterAgain.findings.find((f) => f.id === 'rust.release-lto')!.ranking.outcomes).toBe(1);
    writeFileSync(exported, '{"format":"something else"}');
    const bad = await runCli(['tune', '--import-outcomes', exported], { TUNEBENCH_HOME: otherHome });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/outcomes\.json is not a Tunebench outcomes export/);
    process.stdout.write(
      `rust-hash LTO: ${runtime.title} ${(runtime.change * 100).toFixed(1)} % [${(runtime.ciLow * 100).toFixed(1)}, ${(runtime.ciHigh * 100).toFixed(1)}] n=${runtime.baseline.n}/${runtime.candidate.n}\n`,
    );
  }, 900_000);
});
