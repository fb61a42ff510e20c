import { afterEach, describe, expect, it } from 'vitest';
import { type NativeGemm } from '../../../../../../src/main/core/bench/native/cpu-addon';
import { addon, requireAddon, skipReason } from './load-addon';

const open: NativeGemm[] = [];
function gemm(n: number, threads: number): NativeGemm {
  const g = new (requireAddon().Gemm)(n, threads);
  open.push(g);
  return g;
}
afterEach(() => {
  for (const g of open.splice(0)) g.dispose();
  delete process.env.TUNEBENCH_GEMM_ISA;
});

describe.skipIf(addon === null)(`Gemm${skipReason}`, () => {
  it.each([1, 2])('multiplies 256×256 correctly with %i thread(s)', (threads) => {
    const g = gemm(256, threads);
    const ns = g.run();
    expect(ns).toBeGreaterThan(0);
    expect(g.maxAbsError()).toBeLessThan(1e-3);
  });

  // Sizes that are not multiples of any tile or block, and more threads than row panels, hit the edge paths.
  it.each([
    [1, 1],
    [13, 3],
    [257, 2],
    [517, 1],
    [5, 8],
  ])('handles partial tiles: n=%i, %i thread(s)', (n, threads) => {
    const g = gemm(n, threads);
    g.run();
    expect(g.maxAbsError()).toBeLessThan(1e-3);
  });

  it('gives the same answer on every run (C is overwritten, not accumulated)', () => {
    const g = gemm(200, 2);
    g.run();
    const first = g.maxAbsError();
    g.run();
    expect(g.maxAbsError()).toBe(first);
  });

  // TUNEBENCH_GEMM_ISA forces a variant this CPU supports, so every kernel is proven on this machine.
  it.each(['generic', 'avx2-fma', 'avx512f'] as const)('the %s variant (when this CPU has it) is correct', (isa) => {
    process.env.TUNEBENCH_GEMM_ISA = isa;
    const picked = requireAddon().isa().gemm;
    if (isa === 'generic') expect(picked).toBe('generic');
    const g = gemm(300, 2);
    g.run();
    expect(g.maxAbsError()).toBeLessThan(1e-3);
  });

  it('reports the dispatched variant and the compiler', () => {
    const { gemm: isa, compiler } = requireAddon().isa();
    expect(['avx512f', 'avx2-fma', 'generic']).toContain(isa);
    expect(compiler).toMatch(/^(gcc|clang|msvc) \d/);
  });

  it('refuses maxAbsError before run and any call after dispose', () => {
    const g = gemm(16, 1);
    expect(() => g.maxAbsError()).toThrow(/call run\(\) before maxAbsError/);
    g.dispose();
    expect(() => g.run()).toThrow(/Gemm: disposed/);
    g.dispose(); // idempotent
  });
});
