import { describe, expect, it } from 'vitest';
import { detectRust } from '../../../../../../src/main/core/project/detect/rust';
import { at, factOf, fixtureContext, lineContaining, stackOf } from './fixture-context';

describe('rust detector', () => {
  it('reads the CLI crate: name, binary, every release-profile setting with its line, and commands', async () => {
    const out = await detectRust(fixtureContext('rust-cli'));
    expect(out.problems).toEqual([]);
    const stack = stackOf(out.stacks, 'rust', '');
    expect(stack.name).toBe('sieve-cli');
    expect(factOf(stack, 'rust.package.name').value).toBe('sieve-cli');
    expect(factOf(stack, 'rust.binary').value).toEqual(['sieve-cli']);
    expect(at(factOf(stack, 'rust.binary').evidence)).toBe('src/main.rs:-');
    expect(at(factOf(stack, 'rust.lib').evidence)).toBe('src/lib.rs:-');

    const release = factOf(stack, 'rust.profile.release');
    expect(release.value).toEqual(['opt-level', 'debug', 'codegen-units']);
    expect(at(release.evidence)).toBe(`Cargo.toml:${lineContaining('rust-cli', 'Cargo.toml', '[profile.release]')}`);
    const units = factOf(stack, 'rust.profile.release.codegen-units');
    expect(units.value).toBe(16);
    expect(at(units.evidence)).toBe(`Cargo.toml:${lineContaining('rust-cli', 'Cargo.toml', 'codegen-units')}`);
    expect(units.evidence.excerpt).toBe('codegen-units = 16');
    // No lto in the fixture: the tuning rule that suggests it relies on this absence.
    expect(stack.facts.some((f) => f.key === 'rust.profile.release.lto')).toBe(false);

    expect(out.commands.map((c) => [c.kind, c.command, c.cwd])).toEqual([
      ['build', 'cargo build --release', ''],
      ['test', 'cargo test', ''],
      ['bench', 'cargo bench', ''],
    ]);
  });

  it('reads a workspace: members, root profiles, .cargo/config.toml flags, and builds from the root only', async () => {
    const out = await detectRust(fixtureContext('monorepo'));
    expect(out.problems).toEqual([]);
    const root = stackOf(out.stacks, 'rust', '');
    expect(factOf(root, 'rust.workspace.members').value).toEqual(['crates/*']);
    const lto = factOf(root, 'rust.profile.release.lto');
    expect(lto.value).toBe('thin');
    expect(at(lto.evidence)).toBe(`Cargo.toml:${lineContaining('monorepo', 'Cargo.toml', 'lto')}`);
    expect(factOf(root, 'rust.profile.bench.debug').value).toBe(true);
    const cpu = factOf(root, 'rust.config.targetCpu');
    expect(cpu.value).toBe('native');
    expect(at(cpu.evidence)).toBe('.cargo/config.toml:2');

    const engine = stackOf(out.stacks, 'rust', 'crates/engine');
    // src/bin/cli.rs is claimed by the [[bin]] named engine-cli, so it is one binary, not two.
    expect(factOf(engine, 'rust.binary').value).toEqual(['engine-cli']);
    expect(factOf(engine, 'rust.workspace.root').value).toBe('');
    expect(factOf(engine, 'rust.config.targetCpu').value).toBe('native');

    expect(out.commands.map((c) => `${c.kind} ${c.cwd || '.'}: ${c.command}`)).toEqual([
      'build .: cargo build --release',
      'test .: cargo test',
      'bench .: cargo bench',
    ]);
  });

  it('reports invalid TOML at smol-toml line and column', async () => {
    const out = await detectRust(fixtureContext('malformed'));
    expect(out.stacks).toEqual([]);
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatchObject({
      file: 'Cargo.toml',
      line: lineContaining('malformed', 'Cargo.toml', 'edition'),
      column: 16,
    });
    expect(out.problems[0]?.message).toMatch(/^invalid TOML: /);
  });
});
