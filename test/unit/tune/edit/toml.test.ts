import { describe, expect, it } from 'vitest';
import {
  libraryPath,
  parseToml,
  setTomlValue,
  setTomlValues,
  TomlEditError,
  tomlKey,
} from '../../../../src/main/core/tune/edit/toml';

const MANIFEST = `# The crate
[package]
name = "demo"   # keep this comment
version = "0.1.0"

[dependencies]
serde = { version = "1", features = ["derive"] }
`;

describe('setTomlValue', () => {
  it('replaces a value in place, keeping its comment and spacing', async () => {
    const text = '[profile.release]\n# size matters\ncodegen-units   =   16   # many jobs\ndebug = true\n';
    expect(await setTomlValue(text, ['profile', 'release', 'codegen-units'], 1)).toBe(
      '[profile.release]\n# size matters\ncodegen-units   =   1   # many jobs\ndebug = true\n',
    );
  });

  it('adds a key after the last value of an existing table, before the next section', async () => {
    const text = '[profile.release]\ndebug = false\n\n# next\n[dependencies]\nx = "1"\n';
    expect(await setTomlValue(text, ['profile', 'release', 'lto'], 'fat')).toBe(
      '[profile.release]\ndebug = false\nlto = "fat"\n\n# next\n[dependencies]\nx = "1"\n',
    );
  });

  it('appends a missing table as one block, without an empty [profile] header', async () => {
    expect(await setTomlValue(MANIFEST, ['profile', 'release', 'lto'], 'fat')).toBe(
      `${MANIFEST}\n[profile.release]\nlto = "fat"\n`,
    );
  });

  it('quotes keys that are not bare (the "*" of profile.dev.package)', async () => {
    const text = '[profile.dev]\nopt-level = 0\n';
    expect(await setTomlValue(text, ['profile', 'dev', 'package', '*', 'opt-level'], 2)).toBe(
      '[profile.dev]\nopt-level = 0\n\n[profile.dev.package."*"]\nopt-level = 2\n',
    );
    const existing = '[profile.dev.package."*"]\ndebug = false\n';
    expect(await setTomlValue(existing, ['profile', 'dev', 'package', '*', 'opt-level'], 2)).toBe(
      '[profile.dev.package."*"]\ndebug = false\nopt-level = 2\n',
    );
    expect(libraryPath(['profile', 'dev', 'package', '*', 'opt-level'])).toBe('profile.dev.package."*".opt-level');
    expect(libraryPath(['a', 'b.c', 'd'])).toBe('a."b.c".d');
    expect(tomlKey('x86_64-unknown-linux-gnu')).toBe('x86_64-unknown-linux-gnu');
    expect(tomlKey('cfg(unix)')).toBe('"cfg(unix)"');
  });

  it('handles a key with dots in the path and in a header', async () => {
    const out = await setTomlValue('', ['target', 'cfg(target_os = "linux")', 'x'], 1);
    expect(out).toBe('[target."cfg(target_os = \\"linux\\")"]\nx = 1\n');
    expect(await parseToml(out)).toEqual({ target: { 'cfg(target_os = "linux")': { x: 1 } } });
  });

  it('writes string arrays (rustflags) and creates a file from nothing', async () => {
    expect(await setTomlValue('', ['build', 'rustflags'], ['-C', 'target-cpu=native'])).toBe(
      '[build]\nrustflags = ["-C", "target-cpu=native"]\n',
    );
    expect(await setTomlValue('[build]\njobs = 2\n', ['build', 'rustflags'], ['-C', 'target-cpu=native'])).toBe(
      '[build]\njobs = 2\nrustflags = ["-C", "target-cpu=native"]\n',
    );
  });

  it('edits dotted keys and inline tables where they are', async () => {
    expect(await setTomlValue('[profile]\nrelease.debug = true\n', ['profile', 'release', 'lto'], true)).toBe(
      '[profile]\nrelease.debug = true\nrelease.lto = true\n',
    );
    expect(await setTomlValue('[profile]\nrelease = { lto = false }\n', ['profile', 'release', 'lto'], 'fat')).toBe(
      '[profile]\nrelease = { lto = "fat" }\n',
    );
  });

  it('adds to a table that only holds sub-tables (where toml_edit itself would panic)', async () => {
    // Implicit [profile.release]: only its sub-table has a header.
    const implicit = '[profile.release.package.foo]\nopt-level = 3\n';
    expect(await setTomlValue(implicit, ['profile', 'release', 'lto'], 'fat')).toBe(
      '[profile.release.package.foo]\nopt-level = 3\n\n[profile.release]\nlto = "fat"\n',
    );
    // Explicit but empty header followed by a sub-table: the line goes under the header.
    const explicit = '[profile.dev]\n\n[profile.dev.package."*"]\nopt-level = 2\n';
    expect(await setTomlValue(explicit, ['profile', 'dev', 'debug'], false)).toBe(
      '[profile.dev]\ndebug = false\n\n[profile.dev.package."*"]\nopt-level = 2\n',
    );
  });

  it('keeps CRLF line endings and a missing final newline', async () => {
    expect(await setTomlValue('[profile.release]\r\ndebug = true\r\n', ['profile', 'release', 'debug'], false)).toBe(
      '[profile.release]\r\ndebug = false\r\n',
    );
    expect(await setTomlValue('[profile.release]\ndebug = true', ['profile', 'release', 'lto'], 'fat')).toBe(
      '[profile.release]\ndebug = true\nlto = "fat"',
    );
  });

  it('applies several values in order', async () => {
    const out = await setTomlValues(MANIFEST, [
      { path: ['profile', 'release', 'lto'], value: 'fat' },
      { path: ['profile', 'release', 'codegen-units'], value: 1 },
    ]);
    expect(out).toBe(`${MANIFEST}\n[profile.release]\nlto = "fat"\ncodegen-units = 1\n`);
  });

  it('refuses malformed input with the line and the cause', async () => {
    const error = await setTomlValue('[package\nname = "x"\n', ['profile', 'release', 'lto'], 'fat').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TomlEditError);
    expect((error as Error).message).toMatch(/^invalid TOML: TOML parse error at line 1, column \d+: .+/);
    await expect(parseToml('a = = 1')).rejects.toThrow(/invalid TOML: .*line 1/);
  });

  it('refuses edits that would break the file or land somewhere else', async () => {
    // A table defined with dotted keys cannot get a [header] later: the re-parse catches it.
    await expect(
      setTomlValue('[profile]\nrelease.package.foo.opt-level = 3\n', ['profile', 'release', 'lto'], 'fat'),
    ).rejects.toThrow(/invalid TOML/);
    await expect(setTomlValue('profile = 1\n', ['profile', 'release', 'lto'], 'fat')).rejects.toThrow(
      /profile is not a table/,
    );
    await expect(setTomlValue('[profile.release]\n', ['profile', 'release'], 'x')).rejects.toThrow(
      /profile\.release is a table, not a value/,
    );
    await expect(setTomlValue('a = 1\n', ['a'], 2)).rejects.toThrow(/only values inside a table/);
    await expect(setTomlValue('[a.b]\nc = 1\n', ['a', 'b'], 1).catch((e: unknown) => e)).resolves.toBeInstanceOf(
      TomlEditError,
    );
    expect(() => libraryPath(['a', 'say "hi"'])).toThrow(TomlEditError);
  });

  it('keeps working after many edits (the wasm module is loaded once)', async () => {
    let text = MANIFEST;
    for (let i = 1; i <= 20; i++) text = await setTomlValue(text, ['profile', 'release', 'codegen-units'], i);
    expect(await parseToml(text)).toMatchObject({ profile: { release: { 'codegen-units': 20 } } });
  });
});
