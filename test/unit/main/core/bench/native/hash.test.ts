import { describe, expect, it } from 'vitest';
import { hashInput } from '../../../../../../src/main/core/bench/native/cpu-addon';
import { addon, requireAddon, skipReason } from './load-addon';

const MASK = (1n << 64n) - 1n;

// FNV-1a 64 written from its definition (offset basis, prime), independently of the C++ code.
function fnv1a64(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of bytes) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  return h.toString(16).padStart(16, '0');
}

describe('the JS FNV-1a 64 reference', () => {
  it('matches the published test vectors', () => {
    const ascii = (s: string) => new TextEncoder().encode(s);
    expect(fnv1a64(ascii(''))).toBe('cbf29ce484222325');
    expect(fnv1a64(ascii('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(ascii('foobar'))).toBe('85944171f73967e8');
  });
});

describe.skipIf(addon === null)(`Hash${skipReason}`, () => {
  it.each([1, 127, 4099, 65_536])('digests a %i-byte buffer to the same value as JS', (bytes) => {
    const hash = new (requireAddon().Hash)(bytes);
    try {
      expect(hash.run()).toBeGreaterThan(0);
      expect(hash.digest()).toBe(fnv1a64(hashInput(bytes)));
    } finally {
      hash.dispose();
    }
  });

  it('is stable across runs and objects', () => {
    const a = new (requireAddon().Hash)(10_000);
    const b = new (requireAddon().Hash)(10_000);
    a.run();
    const first = a.digest();
    a.run();
    b.run();
    expect(a.digest()).toBe(first);
    expect(b.digest()).toBe(first);
    a.dispose();
    b.dispose();
  });

  it('refuses digest before run and any call after dispose', () => {
    const hash = new (requireAddon().Hash)(8);
    expect(() => hash.digest()).toThrow(/call run\(\) before digest/);
    hash.dispose();
    expect(() => hash.run()).toThrow(/Hash: disposed/);
  });
});
