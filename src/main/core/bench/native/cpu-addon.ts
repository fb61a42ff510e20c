/**
 * Typed access to the tunebench_cpu Node-API addon (native/cpu). Import this only inside worker processes:
 * the kernels block the thread that calls them, and a native crash must not take the main process down.
 * No top-level side effects: nothing is loaded until loadCpuAddon() is called.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nativeCpuBuildDir } from './native-dir';

/** Which micro-kernel run-time dispatch picked for Gemm. */
export type GemmIsa = 'avx512f' | 'avx2-fma' | 'generic';

/** FP32 C = A·B, n×n×n, row-major; A and B hold fixed pseudo-random values in [-1, 1). */
export interface NativeGemm {
  /** Nanoseconds for one full multiplication (packing included), timed in C++ around the kernel only. */
  run(): number;
  /** Largest |C − A·B| over 64 fixed sampled entries, the reference summed in double. Throws before run(). */
  maxAbsError(): number;
  /** Frees the matrices now; any later call throws "Gemm: disposed". */
  dispose(): void;
}

/** STREAM's four kernels on three double arrays a, b, c (initially 1, 2, 0), with q = 3. */
export interface NativeStream {
  /** c = a; ns for one pass (16 bytes moved per element). */
  copy(): number;
  /** b = q·c; ns (16 bytes per element). */
  scale(): number;
  /** c = a + b; ns (24 bytes per element). */
  add(): number;
  /** a = b + q·c; ns (24 bytes per element). */
  triad(): number;
  /** True when every element holds what the kernels run so far should have produced (STREAM's checker). */
  check(): boolean;
  dispose(): void;
}

/** A random single-cycle pointer chase, one node per 64-byte line, over the working set. */
export interface NativeLatency {
  /** Total ns for `loads` dependent loads: ns per load = result / loads. */
  run(loads: number): number;
  dispose(): void;
}

/** FNV-1a 64 over a deterministic buffer whose byte i is hashInputByte(i). */
export interface NativeHash {
  /** Nanoseconds to hash the whole buffer once. */
  run(): number;
  /** The last run's hash as 16 lowercase hex digits. Throws before run(). */
  digest(): string;
  dispose(): void;
}

export interface CpuAddon {
  /** n in 1..8192, threads in 1..256 (1 runs on the calling thread alone). */
  Gemm: new (n: number, threads: number) => NativeGemm;
  /** elements in 1..2^28 per array, threads in 1..256. */
  Stream: new (elements: number, threads: number) => NativeStream;
  /** bytes in 128..2 GiB. */
  Latency: new (bytes: number) => NativeLatency;
  /** bytes in 1..2 GiB. */
  Hash: new (bytes: number) => NativeHash;
  /** The GEMM variant a Gemm built now would use, and the compiler that built the addon. */
  isa(): { gemm: GemmIsa; compiler: string };
}

export class NativeAddonMissingError extends Error {
  constructor(readonly path: string | null) {
    super('native CPU kernels are not built: run `npm run build:native` (needs a C++ compiler)');
    this.name = 'NativeAddonMissingError';
  }
}

const ADDON_FILE = 'tunebench_cpu.node';
const TB_EXEC_FILE = 'tb-exec';

/** Loads the addon; throws NativeAddonMissingError when it has not been built. */
export function loadCpuAddon(): CpuAddon {
  const dir = nativeCpuBuildDir();
  const file = dir === null ? null : join(dir, ADDON_FILE);
  if (file === null || !existsSync(file)) throw new NativeAddonMissingError(file);
  // require() caches by path, so repeated calls return the same module.
  return createRequire(import.meta.url)(file) as CpuAddon;
}

/** Absolute path of the tb-exec command timer, or null when it is not built (or not executable). */
export function tbExecPath(): string | null {
  const dir = nativeCpuBuildDir();
  if (dir === null) return null;
  const file = join(dir, TB_EXEC_FILE);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return null;
  }
}

/** Byte i of Hash's buffer; the C++ side fills it with the same rule, so a digest can be checked in JS. */
export function hashInputByte(index: number): number {
  return ((index * 31) ^ (index >>> 7)) & 0xff;
}

/** The first `bytes` bytes of Hash's buffer. */
export function hashInput(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 1) out[i] = hashInputByte(i);
  return out;
}
