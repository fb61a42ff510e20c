import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { collectHardwareProfile, type ProfileCollectors } from '../../../../src/main/core/hardware/profile';
import { collectCpu, defaultCpuSources } from '../../../../src/main/core/hardware/cpu';
import type { HardwareProfile } from '../../../../src/shared/schemas/hardware';
import { rustRules } from '../../../../src/main/core/tune/rules/rust';
import { devDepsOptimisedRule } from '../../../../src/main/core/tune/rules/rust/dev-deps-optimised';
import { fastLinkerRule } from '../../../../src/main/core/tune/rules/rust/fast-linker';
import { releaseCodegenUnitsRule } from '../../../../src/main/core/tune/rules/rust/release-codegen-units';
import { releaseLtoRule } from '../../../../src/main/core/tune/rules/rust/release-lto';
import { releaseOptLevelRule } from '../../../../src/main/core/tune/rules/rust/release-opt-level';
import { releasePanicAbortRule } from '../../../../src/main/core/tune/rules/rust/release-panic-abort';
import { releaseStripRule } from '../../../../src/main/core/tune/rules/rust/release-strip';
import { targetCpuNativeRule } from '../../../../src/main/core/tune/rules/rust/target-cpu-native';
import type { RuleContextOptions } from '../../../../src/main/core/tune/context';
import type { DetectedFinding, FileEdit, Rule } from '../../../../src/main/core/tune/types';
import { RuleInfoSchema } from '../../../../src/shared/schemas/tune';
import { ruleContextFor, writeProject } from '../../../helpers/rule-context';

const MAIN_RS = 'fn main() {\n    println!("hi");\n}\n';

/** A binary crate with comments and no [profile] at all. */
const BARE = `# A small CLI
[package]
name = "hashmix"   # the binary
version = "0.1.0"
edition = "2021"

[dependencies]
`;

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = writeProject(files);
  temporary.push(root);
  return root;
}

function crate(manifest: string, extra: Record<string, string> = {}): string {
  return project({ 'Cargo.toml': manifest, 'src/main.rs': MAIN_RS, ...extra });
}

async function detect(rule: Rule, root: string, options: RuleContextOptions = {}): Promise<DetectedFinding[]> {
  return rule.detect(await ruleContextFor(root, options));
}

async function fixOf(rule: Rule, root: string, finding: DetectedFinding, options: RuleContextOptions = {}) {
  if (!rule.fix) throw new Error(`${rule.id} has no fix`);
  return rule.fix(finding, await ruleContextFor(root, options));
}

/** Writes the edits into a copy of the project, so the original stays as it was. */
function applyToCopy(root: string, edits: readonly FileEdit[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'tb-rule-fixed-'));
  temporary.push(copy);
  cpSync(root, copy, { recursive: true });
  for (const edit of edits) {
    mkdirSync(dirname(join(copy, edit.file)), { recursive: true });
    writeFileSync(join(copy, edit.file), edit.after);
  }
  return copy;
}

/** Detect → fix → apply to a copy → re-profile with the real scanner: the rule must be quiet. */
async function fixAndRedetect(rule: Rule, root: string, options: RuleContextOptions = {}): Promise<FileEdit[]> {
  const [finding] = await detect(rule, root, options);
  expect(finding, `${rule.id} should fire`).toBeDefined();
  const edits = await fixOf(rule, root, finding!, options);
  const copy = applyToCopy(root, edits);
  expect(await detect(rule, copy, options)).toEqual([]);
  return edits;
}

/** A real HardwareProfile from the real collectors; only the slow, irrelevant sections are fixed values. */
async function hardware(): Promise<HardwareProfile> {
  const collectors: ProfileCollectors = {
    cpu: () => collectCpu({ ...defaultCpuSources, sysRoot: project({}) }),
    memory: async () => ({
      totalBytes: 0,
      type: null,
      speedMTs: null,
      modules: null,
      detail: { status: 'absent', reason: 'test' },
    }),
    os: async () => ({ platform: 'linux', distro: 'test', release: '', kernel: '', hostname: 'test' }),
    storage: async () => [],
    power: async () => ({ hasBattery: false, acConnected: true, batteryPercent: null }),
    nvidia: async () => ({
      nvidia: { status: 'absent', reason: 'test', driverVersion: null, cudaVersion: null },
      gpus: [],
    }),
    npu: async () => ({
      status: 'absent',
      reason: 'test',
      openvino: { status: 'absent', reason: 'test', version: null, devices: [] },
      accel: { status: 'absent', reason: 'test', devices: [] },
    }),
    onnxruntime: async () => ({ status: 'absent', reason: 'test', version: null, providers: [] }),
    machineId: async () => 'test',
    timeoutMs: 10_000,
  };
  return collectHardwareProfile(collectors);
}

describe('rust rule catalogue', () => {
  it('has the eight rules with valid info and unique ids', () => {
    expect(rustRules.map((rule) => rule.id).sort()).toEqual([
      'rust.dev-deps-optimised',
      'rust.fast-linker',
      'rust.release-codegen-units',
      'rust.release-lto',
      'rust.release-opt-level',
      'rust.release-panic-abort',
      'rust.release-strip',
      'rust.target-cpu-native',
    ]);
    for (const rule of rustRules) {
      expect(() => RuleInfoSchema.parse({ ...rule, automatic: true })).not.toThrow();
      expect(rule.fix, rule.id).toBeTypeOf('function');
    }
  });
});

describe('rust.release-lto', () => {
  it('adds [profile.release] lto = "fat" at the end of a manifest without profiles', async () => {
    const root = crate(BARE);
    const [finding, ...rest] = await detect(releaseLtoRule, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      dir: '',
      evidence: [{ file: 'Cargo.toml', line: null }],
      current: 'lto unset (defaults to false: thin LTO within each crate only)',
      proposed: 'lto = "fat"',
    });
    expect(finding!.message).toContain('hashmix');
    const edits = await fixAndRedetect(releaseLtoRule, root);
    expect(edits).toEqual([{ file: 'Cargo.toml', before: BARE, after: `${BARE}\n[profile.release]\nlto = "fat"\n` }]);
  });

  it('points at the lto line and replaces only its value', async () => {
    const manifest = `${BARE}\n[profile.release]\n# measured in 2023\nlto = false   # too slow to link\ndebug = 1\n`;
    const root = crate(manifest);
    const [finding] = await detect(releaseLtoRule, root);
    expect(finding).toMatchObject({
      evidence: [{ file: 'Cargo.toml', line: 11, excerpt: 'lto = false   # too slow to link' }],
      current: 'lto = false',
    });
    const edits = await fixAndRedetect(releaseLtoRule, root);
    expect(edits[0]!.after).toBe(manifest.replace('lto = false ', 'lto = "fat" '));
  });

  it('points at the [profile.release] header when the key is missing, and adds the key to that table', async () => {
    const manifest = `${BARE}\n[profile.release]\ndebug = false\n\n[profile.dev]\nopt-level = 1\n`;
    const root = crate(manifest);
    const [finding] = await detect(releaseLtoRule, root);
    expect(finding!.evidence).toEqual([{ file: 'Cargo.toml', line: 9, excerpt: '[profile.release]' }]);
    const edits = await fixAndRedetect(releaseLtoRule, root);
    expect(edits[0]!.after).toBe(manifest.replace('debug = false\n', 'debug = false\nlto = "fat"\n'));
  });

  it.each(['true', '"fat"', '"thin"', '"off"'])('stays quiet for lto = %s', async (value) => {
    expect(await detect(releaseLtoRule, crate(`${BARE}\n[profile.release]\nlto = ${value}\n`))).toEqual([]);
  });

  it('does not fire for a plain library, whose profile never reaches its users', async () => {
    const root = project({ 'Cargo.toml': BARE, 'src/lib.rs': 'pub fn f() {}\n' });
    expect(await detect(releaseLtoRule, root)).toEqual([]);
    const cdylib = project({ 'Cargo.toml': `${BARE}\n[lib]\ncrate-type = ["cdylib"]\n`, 'src/lib.rs': '' });
    expect(await detect(releaseLtoRule, cdylib)).toHaveLength(1);
  });

  it('stays quiet when .cargo/config.toml sets the profile (it overrides Cargo.toml)', async () => {
    const root = crate(BARE, { '.cargo/config.toml': '[profile.release]\nlto = false\n' });
    expect(await detect(releaseLtoRule, root)).toEqual([]);
  });

  it('uses only the workspace root manifest: member profiles are ignored by cargo', async () => {
    const root = project({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n',
      'crates/app/Cargo.toml':
        '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[profile.release]\nlto = "fat"\n',
      'crates/app/src/main.rs': MAIN_RS,
      'crates/util/Cargo.toml': '[package]\nname = "util"\nversion = "0.1.0"\nedition = "2021"\n',
      'crates/util/src/lib.rs': '',
    });
    const findings = await detect(releaseLtoRule, root);
    // One finding, at the root, although the member "sets" lto: cargo ignores it there.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ dir: '', evidence: [{ file: 'Cargo.toml', line: null }] });
    const edits = await fixAndRedetect(releaseLtoRule, root);
    expect(edits.map((edit) => edit.file)).toEqual(['Cargo.toml']);
  });

  it('does not crash on a malformed Cargo.toml (the detector reports it)', async () => {
    const root = crate('[package]\nname = "broken"\nedition = 2021 2021\n');
    const context = await ruleContextFor(root);
    expect(context.profile.problems.map((problem) => problem.file)).toContain('Cargo.toml');
    for (const rule of rustRules) expect(await rule.detect(context), rule.id).toEqual([]);
  });
});

describe('rust.release-codegen-units', () => {
  it('sets codegen-units = 1 in place, keeping the comment', async () => {
    const manifest = `${BARE}\n[profile.release]\ncodegen-units = 16 # parallel builds\n`;
    const root = crate(manifest);
    const [finding] = await detect(releaseCodegenUnitsRule, root);
    expect(finding).toMatchObject({
      evidence: [{ file: 'Cargo.toml', line: 10, excerpt: 'codegen-units = 16 # parallel builds' }],
      current: 'codegen-units = 16',
      proposed: 'codegen-units = 1',
    });
    expect(finding!.warning).toMatch(/slower/);
    const edits = await fixAndRedetect(releaseCodegenUnitsRule, root);
    expect(edits[0]!.after).toBe(`${BARE}\n[profile.release]\ncodegen-units = 1 # parallel builds\n`);
  });

  it('fires when unset and stays quiet at 1', async () => {
    expect((await detect(releaseCodegenUnitsRule, crate(BARE)))[0]?.current).toBe(
      'codegen-units unset (16 in release)',
    );
    expect(await detect(releaseCodegenUnitsRule, crate(`${BARE}\n[profile.release]\ncodegen-units = 1\n`))).toEqual([]);
  });
});

describe('rust.release-panic-abort', () => {
  it('is risky, warns about catch_unwind, and sets panic = "abort"', async () => {
    expect(releasePanicAbortRule.risk).toBe('risky');
    const manifest = `${BARE}\n[profile.release]\npanic = "unwind"\n`;
    const root = crate(manifest);
    const [finding] = await detect(releasePanicAbortRule, root);
    expect(finding).toMatchObject({ current: 'panic = "unwind"', proposed: 'panic = "abort"' });
    expect(finding!.warning).toContain('catch_unwind');
    const edits = await fixAndRedetect(releasePanicAbortRule, root);
    expect(edits[0]!.after).toBe(`${BARE}\n[profile.release]\npanic = "abort"\n`);
  });
});

describe('rust.release-strip', () => {
  it('strips symbols and turns debug info off when release carries it', async () => {
    const manifest = `${BARE}\n[profile.release]\ndebug = true # for perf\n`;
    const root = crate(manifest);
    const [finding] = await detect(releaseStripRule, root);
    expect(finding).toMatchObject({
      evidence: [{ file: 'Cargo.toml', line: 10, excerpt: 'debug = true # for perf' }],
      current: 'strip unset (nothing is stripped while debug is on); debug = true',
      proposed: 'strip = "symbols"\ndebug = false',
    });
    expect(finding!.warning).toMatch(/backtraces/);
    const edits = await fixAndRedetect(releaseStripRule, root);
    expect(edits[0]!.after).toBe(`${BARE}\n[profile.release]\ndebug = false # for perf\nstrip = "symbols"\n`);
  });

  it('upgrades strip = "debuginfo" and stays quiet for "symbols" or true', async () => {
    const root = crate(`${BARE}\n[profile.release]\nstrip = "debuginfo"\n`);
    expect((await detect(releaseStripRule, root))[0]).toMatchObject({
      current: 'strip = "debuginfo"',
      evidence: [{ line: 10, excerpt: 'strip = "debuginfo"' }],
    });
    await fixAndRedetect(releaseStripRule, root);
    expect(await detect(releaseStripRule, crate(`${BARE}\n[profile.release]\nstrip = true\n`))).toEqual([]);
  });
});

describe('rust.release-opt-level', () => {
  it('raises "s" to 3 with a size warning, and 2 to 3', async () => {
    const small = crate(`${BARE}\n[profile.release]\nopt-level = "s"\n`);
    const [finding] = await detect(releaseOptLevelRule, small);
    expect(finding).toMatchObject({ current: 'opt-level = "s"', proposed: 'opt-level = 3' });
    expect(finding!.warning).toMatch(/size/);
    const edits = await fixAndRedetect(releaseOptLevelRule, small);
    expect(edits[0]!.after).toBe(`${BARE}\n[profile.release]\nopt-level = 3\n`);
    await fixAndRedetect(releaseOptLevelRule, crate(`${BARE}\n[profile.release]\nopt-level = 2\n`));
  });

  it('stays quiet when unset (3 is the default) or 3', async () => {
    expect(await detect(releaseOptLevelRule, crate(BARE))).toEqual([]);
    expect(await detect(releaseOptLevelRule, crate(`${BARE}\n[profile.release]\nopt-level = 3\n`))).toEqual([]);
  });
});

describe('rust.target-cpu-native', () => {
  it('creates .cargo/config.toml with [build] rustflags, and warns about distributed builds', async () => {
    const root = crate(BARE);
    const [finding] = await detect(targetCpuNativeRule, root, { hardware: await hardware() });
    expect(finding).toMatchObject({
      dir: '',
      evidence: [{ file: 'Cargo.toml', line: null, excerpt: 'no .cargo/config.toml' }],
      proposed: '[build]\nrustflags = ["-C", "target-cpu=native"]',
    });
    expect(finding!.warning).toContain(
      "Binaries will only run on CPUs with this machine's instruction set; do not use for distributed builds",
    );
    const edits = await fixAndRedetect(targetCpuNativeRule, root);
    expect(edits).toEqual([
      { file: '.cargo/config.toml', before: null, after: '[build]\nrustflags = ["-C", "target-cpu=native"]\n' },
    ]);
  });

  it('adds to an existing config without rustflags, and stays quiet when rustflags exist', async () => {
    const config = '# shared settings\n[build]\njobs = 2\n\n[net]\noffline = true\n';
    const root = crate(BARE, { '.cargo/config.toml': config });
    const [finding] = await detect(targetCpuNativeRule, root);
    expect(finding!.evidence).toEqual([{ file: '.cargo/config.toml', line: 2, excerpt: '[build]' }]);
    const edits = await fixAndRedetect(targetCpuNativeRule, root);
    expect(edits[0]).toEqual({
      file: '.cargo/config.toml',
      before: config,
      after: '# shared settings\n[build]\njobs = 2\nrustflags = ["-C", "target-cpu=native"]\n\n[net]\noffline = true\n',
    });
    const flagged = crate(BARE, { '.cargo/config.toml': '[build]\nrustflags = ["-C", "opt-level=3"]\n' });
    expect(await detect(targetCpuNativeRule, flagged)).toEqual([]);
  });
});

describe('rust.fast-linker', () => {
  const withMold: RuleContextOptions = { hasTool: async (name) => name === 'mold' };

  it('links the host target with mold when mold is installed', async () => {
    const options = { ...withMold, hardware: await hardware() };
    const root = crate(BARE);
    const [finding] = await detect(fastLinkerRule, root, options);
    const triple = `${options.hardware.cpu.arch === 'arm64' ? 'aarch64' : 'x86_64'}-unknown-linux-gnu`;
    expect(finding).toMatchObject({
      proposed: `[target.${triple}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]`,
      evidence: [{ file: 'Cargo.toml', line: null }],
    });
    const edits = await fixAndRedetect(fastLinkerRule, root, options);
    expect(edits).toEqual([
      {
        file: '.cargo/config.toml',
        before: null,
        after: `[target.${triple}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]\n`,
      },
    ]);
  });

  it('keeps [build] rustflags working by carrying them into the target table', async () => {
    const hw = await hardware();
    const options = { ...withMold, hardware: { ...hw, cpu: { ...hw.cpu, arch: 'x64' } } };
    const config = '[build]\nrustflags = ["-C", "target-cpu=native"]\n';
    const root = crate(BARE, { '.cargo/config.toml': config });
    const edits = await fixAndRedetect(fastLinkerRule, root, options);
    expect(edits[0]!.after).toBe(
      `${config}\n[target.x86_64-unknown-linux-gnu]\nrustflags = ["-C", "target-cpu=native", "-C", "link-arg=-fuse-ld=mold"]\n`,
    );
  });

  it('uses lld on aarch64, not on x86_64 (where rustc already links with rust-lld)', async () => {
    const hw = await hardware();
    const lld: RuleContextOptions = { hasTool: async (name) => name === 'ld.lld' };
    const arm = { ...lld, hardware: { ...hw, cpu: { ...hw.cpu, arch: 'arm64' } } };
    const [finding] = await detect(fastLinkerRule, crate(BARE), arm);
    expect(finding!.proposed).toBe('[target.aarch64-unknown-linux-gnu]\nrustflags = ["-C", "link-arg=-fuse-ld=lld"]');
    const x86 = { ...lld, hardware: { ...hw, cpu: { ...hw.cpu, arch: 'x64' } } };
    expect(await detect(fastLinkerRule, crate(BARE), x86)).toEqual([]);
  });

  it('has no finding without a fast linker, off Linux, or with a linker configured', async () => {
    const hw = await hardware();
    expect(await detect(fastLinkerRule, crate(BARE), { hardware: hw })).toEqual([]);
    const mac = { ...withMold, hardware: { ...hw, os: { ...hw.os, platform: 'darwin' } } };
    expect(await detect(fastLinkerRule, crate(BARE), mac)).toEqual([]);
    const configured = crate(BARE, {
      '.cargo/config.toml': '[target.x86_64-unknown-linux-gnu]\nlinker = "clang"\n',
    });
    expect(await detect(fastLinkerRule, configured, { ...withMold, hardware: hw })).toEqual([]);
  });
});

describe('rust.dev-deps-optimised', () => {
  it('adds [profile.dev.package."*"] opt-level = 2', async () => {
    const manifest = `${BARE}\n[profile.dev]\ndebug = 1 # faster links\n`;
    const root = crate(manifest);
    const [finding] = await detect(devDepsOptimisedRule, root);
    expect(finding).toMatchObject({
      evidence: [{ file: 'Cargo.toml', line: 9, excerpt: '[profile.dev]' }],
      proposed: '[profile.dev.package."*"]\nopt-level = 2',
    });
    const edits = await fixAndRedetect(devDepsOptimisedRule, root);
    expect(edits[0]!.after).toBe(`${manifest}\n[profile.dev.package."*"]\nopt-level = 2\n`);
  });

  it('stays quiet with a package override or an optimised dev profile', async () => {
    const override = `${BARE}\n[profile.dev.package.image]\nopt-level = 3\n`;
    expect(await detect(devDepsOptimisedRule, crate(override))).toEqual([]);
    expect(await detect(devDepsOptimisedRule, crate(`${BARE}\n[profile.dev]\nopt-level = 2\n`))).toEqual([]);
  });
});

const CARGO = join(homedir(), '.cargo', 'bin', 'cargo');

describe('fixed manifests are accepted by cargo', () => {
  it.skipIf(!existsSync(CARGO))(
    'cargo metadata reads Cargo.toml after the lto and codegen-units fixes',
    async () => {
      const manifest = `${BARE}\n[profile.release]\n# keep symbols for now\ndebug = false\ncodegen-units = 16\n`;
      const root = crate(manifest);
      const lto = await fixOf(releaseLtoRule, root, (await detect(releaseLtoRule, root))[0]!);
      const first = applyToCopy(root, lto);
      const units = await fixOf(releaseCodegenUnitsRule, first, (await detect(releaseCodegenUnitsRule, first))[0]!);
      const fixed = applyToCopy(first, units);
      expect(units[0]!.after).toBe(
        `${BARE}\n[profile.release]\n# keep symbols for now\ndebug = false\ncodegen-units = 1\nlto = "fat"\n`,
      );
      const { stdout } = await promisify(execFile)(
        CARGO,
        ['metadata', '--no-deps', '--format-version', '1', '--offline'],
        { cwd: fixed },
      );
      const metadata = JSON.parse(stdout) as { packages: Array<{ name: string }> };
      expect(metadata.packages.map((pkg) => pkg.name)).toEqual(['hashmix']);
    },
    60_000,
  );
  if (!existsSync(CARGO)) it.skip(`cargo not found at ${CARGO}: the cargo metadata check is skipped`, () => {});
});
