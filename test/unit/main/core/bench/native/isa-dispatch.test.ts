import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addon, requireAddon, skipReason } from './load-addon';

function cpuFlags(): Set<string> | null {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('flags'));
    return line ? new Set(line.split(':')[1]?.trim().split(/\s+/)) : null;
  } catch {
    return null;
  }
}

const flags = process.arch === 'x64' ? cpuFlags() : null;

describe.skipIf(addon === null || flags === null)(`GEMM dispatch on this x86-64 Linux CPU${skipReason}`, () => {
  it('picks the widest variant /proc/cpuinfo advertises', () => {
    delete process.env.TUNEBENCH_GEMM_ISA;
    const expected = flags?.has('avx512f')
      ? 'avx512f'
      : flags?.has('avx2') && flags.has('fma')
        ? 'avx2-fma'
        : 'generic';
    expect(requireAddon().isa().gemm).toBe(expected);
  });
});
