import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectIsaFeatures, headlineIsaFeatures, splitFlags } from '../../../../../src/main/core/hardware/isa';

/** The first "flags" (x86) or "Features" (Arm) line of this machine's /proc/cpuinfo. */
function procCpuFlags(): string {
  const text = readFileSync('/proc/cpuinfo', 'utf8');
  const match = /^(?:flags|Features)\s*:\s*(.*)$/m.exec(text);
  if (!match) throw new Error('no flags/Features line in /proc/cpuinfo');
  return match[1]!;
}

// A real AWS Graviton3 (Neoverse V1) /proc/cpuinfo "Features" line.
const GRAVITON3_FEATURES =
  'fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma lrcpc dcpop sha3 sm3 ' +
  'sm4 asimddp sha512 sve asimdfhm dit uscat ilrcpc flagm ssbs paca pacg dcpodp svei8mm svebf16 i8mm bf16 dgh rng';

describe('splitFlags', () => {
  it('lower-cases and splits on whitespace and commas, dropping empty tokens', () => {
    expect(splitFlags('  FPU vme,de\tAVX2\n ')).toEqual(['fpu', 'vme', 'de', 'avx2']);
    expect(splitFlags('')).toEqual([]);
  });
});

describe('detectIsaFeatures', () => {
  it("agrees with this machine's /proc/cpuinfo for avx2, avx512f and fma", () => {
    const tokens = procCpuFlags().split(/\s+/);
    const features = detectIsaFeatures(splitFlags(procCpuFlags()));
    expect(features.avx2).toBe(tokens.includes('avx2'));
    expect(features.avx512f).toBe(tokens.includes('avx512f'));
    expect(features.fma).toBe(tokens.includes('fma'));
  });

  it('reports every known feature as a boolean, false for an empty flag list on x86', () => {
    const features = detectIsaFeatures([]);
    expect(Object.keys(features)).toHaveLength(23);
    if (process.arch !== 'arm64') expect(Object.values(features).every((value) => value === false)).toBe(true);
  });

  it('understands macOS sysctl spellings (AVX1.0, SSE4.2, upper case)', () => {
    const features = detectIsaFeatures(splitFlags('AVX2 FMA AVX512F AVX1.0 SSE4.2'));
    expect(features).toMatchObject({ avx: true, avx2: true, fma: true, avx512f: true, sse4_2: true });
    expect(features.avx512bw).toBe(false);
    expect(features.f16c).toBe(false);
    expect(features.neon).toBe(false);
  });

  it('accepts raw flags that are not lower-cased yet', () => {
    expect(detectIsaFeatures(['AVX512_VNNI', 'AMX_TILE']).avx512_vnni).toBe(true);
    expect(detectIsaFeatures(['AVX512_VNNI', 'AMX_TILE']).amx_tile).toBe(true);
  });

  it('reads an Arm Graviton3 Features line', () => {
    const features = detectIsaFeatures(splitFlags(GRAVITON3_FEATURES));
    expect(features).toMatchObject({ neon: true, asimddp: true, sve: true, i8mm: true, bf16: true });
    // svei8mm/svebf16 are not sve2, and no x86 flag appears.
    expect(features.sve2).toBe(false);
    expect(features.avx2).toBe(false);
    expect(features.avx).toBe(false);
  });

  it('does not treat a longer flag as its prefix (avx512f alone is not avx or avx2)', () => {
    const features = detectIsaFeatures(['avx512f']);
    expect(features.avx512f).toBe(true);
    expect(features.avx).toBe(false);
    expect(features.avx2).toBe(false);
  });
});

describe('headlineIsaFeatures', () => {
  it('lists the present features in schema order', () => {
    const features = detectIsaFeatures(splitFlags('fma avx2 sse4_2 avx'));
    expect(headlineIsaFeatures(features)).toEqual(['sse4_2', 'avx', 'avx2', 'fma']);
  });
});
