import type { IsaFeatureName } from '../../../shared/schemas/hardware';
import { IsaFeatureNameSchema } from '../../../shared/schemas/hardware';

/**
 * How each speed-relevant feature is spelled by the OSes we read flags from: Linux
 * /proc/cpuinfo (x86 and Arm "Features"), macOS sysctl, and systeminformation's own names.
 * A feature is present when any alias appears.
 */
const ALIASES: Record<IsaFeatureName, readonly string[]> = {
  sse4_2: ['sse4_2', 'sse4.2'],
  avx: ['avx', 'avx1.0'],
  avx2: ['avx2'],
  fma: ['fma', 'fma3'],
  f16c: ['f16c'],
  avx512f: ['avx512f'],
  avx512dq: ['avx512dq'],
  avx512cd: ['avx512cd'],
  avx512bw: ['avx512bw'],
  avx512vl: ['avx512vl'],
  avx512_vnni: ['avx512_vnni', 'avx512vnni'],
  avx512_bf16: ['avx512_bf16', 'avx512bf16'],
  avx512_fp16: ['avx512_fp16', 'avx512fp16'],
  avx_vnni: ['avx_vnni', 'avxvnni'],
  amx_tile: ['amx_tile', 'amxtile'],
  amx_bf16: ['amx_bf16', 'amxbf16'],
  amx_int8: ['amx_int8', 'amxint8'],
  neon: ['asimd', 'neon'],
  asimddp: ['asimddp', 'dotprod'],
  i8mm: ['i8mm'],
  bf16: ['bf16'],
  sve: ['sve'],
  sve2: ['sve2'],
};

/** Splits a flag string as reported by the OS ("fpu vme de …") into lower-case tokens. */
export function splitFlags(flags: string): string[] {
  return flags
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((flag) => flag.length > 0);
}

export function detectIsaFeatures(rawFlags: readonly string[]): Record<IsaFeatureName, boolean> {
  const present = new Set(rawFlags.map((flag) => flag.toLowerCase()));
  const features = {} as Record<IsaFeatureName, boolean>;
  for (const name of IsaFeatureNameSchema.options) {
    features[name] = ALIASES[name].some((alias) => present.has(alias));
  }
  // aarch64 always has Advanced SIMD, but some kernels only list "fp asimd" and some list nothing.
  if (process.arch === 'arm64' && present.size === 0) features.neon = true;
  return features;
}

/** The features worth a headline, in order of how much they change kernel speed. */
export function headlineIsaFeatures(features: Record<IsaFeatureName, boolean>): IsaFeatureName[] {
  return IsaFeatureNameSchema.options.filter((name) => features[name]);
}
