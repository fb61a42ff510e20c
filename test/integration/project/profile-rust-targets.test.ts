import { describe, expect, it } from 'vitest';
import { profileProject } from '../../../src/main/core/project/profile';
import { useTempDirs } from '../../helpers/temp-dir';
import { commitAll, writeTree } from '../../unit/main/core/project/scan/tree';

/**
 * The Rust detector names a crate's binaries from Cargo's target discovery (src/main.rs, src/bin/*.rs):
 * a real scan must hand those files to it, not only Cargo.toml (it once did not, so the binary fact
 * was missing on every real project while the detector's unit tests, given the files, passed).
 */
describe('profileProject on a Rust crate (real scan, real git)', () => {
  const tempDir = useTempDirs();

  it('finds the default binary, src/bin binaries and the library target', async () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[package]\nname = "sieve"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/main.rs': 'fn main() {}\n',
      'src/lib.rs': 'pub fn f() {}\n',
      'src/bin/extra.rs': 'fn main() {}\n',
      'src/util.rs': 'pub fn g() {}\n',
    });
    commitAll(root);

    const profile = await profileProject(root, { trust: null, commands: null });
    const stack = profile.stacks.find((s) => s.id === 'rust');
    const fact = (key: string) => stack?.facts.find((f) => f.key === key);
    expect(fact('rust.binary')?.value).toEqual(['sieve', 'extra']);
    expect(fact('rust.binary')?.evidence.file).toBe('src/main.rs');
    expect(fact('rust.lib')?.value).toBe(true);
  });
});
