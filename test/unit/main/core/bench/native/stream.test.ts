import { describe, expect, it } from 'vitest';
import { addon, requireAddon, skipReason } from './load-addon';

describe.skipIf(addon === null)(`Stream${skipReason}`, () => {
  it.each([1, 2])('validates the arrays after each kernel with %i thread(s)', (threads) => {
    const s = new (requireAddon().Stream)(100_003, threads);
    try {
      expect(s.check()).toBe(true);
      for (const kernel of ['copy', 'scale', 'add', 'triad'] as const) {
        expect(s[kernel]()).toBeGreaterThan(0);
        expect(s.check()).toBe(true);
      }
    } finally {
      s.dispose();
    }
  });

  it('stays valid over hundreds of full cycles, when the values overflow to infinity', () => {
    const s = new (requireAddon().Stream)(1000, 2);
    try {
      for (let i = 0; i < 300; i += 1) {
        s.copy();
        s.scale();
        s.add();
        s.triad();
      }
      expect(s.check()).toBe(true);
    } finally {
      s.dispose();
    }
  });

  it('throws after dispose', () => {
    const s = new (requireAddon().Stream)(64, 1);
    s.dispose();
    expect(() => s.triad()).toThrow(/Stream: disposed/);
    expect(() => s.check()).toThrow(/Stream: disposed/);
  });
});
