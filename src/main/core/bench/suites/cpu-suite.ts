import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import type { BenchmarkSpec } from '../worker/protocol';

export const PRESETS = ['quick', 'standard', 'full'] as const;
export type Preset = (typeof PRESETS)[number];

const KiB = 1024;
const MiB = 1024 * KiB;

/** Working sets for the latency curve: from L1 to well past the last-level cache. */
export function latencyWorkingSets(preset: Preset): number[] {
  const [from, to, step] =
    preset === 'quick'
      ? [16 * KiB, 64 * MiB, 16]
      : preset === 'standard'
        ? [4 * KiB, 256 * MiB, 4]
        : [4 * KiB, 512 * MiB, 2];
  const sizes: number[] = [];
  for (let size = from; size <= to; size *= step) sizes.push(size);
  return sizes;
}

/** Thread counts for the scaling curve: 1, powers of two, and all logical CPUs. */
export function threadCounts(logicalCpus: number, preset: Preset): number[] {
  if (preset === 'quick') return [...new Set([1, logicalCpus])];
  const counts = new Set<number>([1, logicalCpus]);
  for (let t = 2; t < logicalCpus; t *= 2) counts.add(t);
  return [...counts].sort((a, b) => a - b);
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

/**
 * The CPU suite: native kernels (GEMM with thread scaling, STREAM triad single/all threads, the
 * latency curve, hashing), zlib compression and JS-engine work. Sizes grow with the preset.
 */
/**
 * FP32 FLOP per cycle per core: vector width × 2 (FMA) × 2 FMA units. An assumption about the
 * microarchitecture, so the peak is only shown with the clock and this factor spelled out.
 */
export function fp32FlopsPerCycle(features: Partial<Record<string, boolean>>): number {
  if (features.avx512f) return 64;
  if (features.avx2 && features.fma) return 32;
  return 8;
}

/** Nominal FP32 peak in GFLOP/s at the boost clock, or null when the OS does not report one. */
export function nominalPeakGflops(
  cpu: Pick<HardwareProfile['cpu'], 'boostClockMHz' | 'isa'>,
  threads: number,
): number | null {
  if (cpu.boostClockMHz === null) return null;
  return (threads * cpu.boostClockMHz * fp32FlopsPerCycle(cpu.isa.features)) / 1000;
}

export function cpuSuite(
  preset: Preset,
  cpu: Pick<HardwareProfile['cpu'], 'threads' | 'boostClockMHz' | 'isa'>,
  nativeAvailable: boolean,
): BenchmarkSpec[] {
  const threads = Math.max(1, cpu.threads);
  const gemmN = preset === 'quick' ? 512 : 1024;
  const streamElements = preset === 'quick' ? 8 * 1024 * 1024 : 32 * 1024 * 1024; // doubles per array
  const specs: BenchmarkSpec[] = [];
  if (nativeAvailable) {
    for (const t of threadCounts(threads, preset)) {
      const peak = nominalPeakGflops(cpu, t);
      specs.push({
        kind: 'native.gemm',
        id: `gemm-${gemmN}-t${t}`,
        title: `FP32 GEMM ${gemmN}³, ${t} thread${t > 1 ? 's' : ''}`,
        params: {
          n: gemmN,
          threads: t,
          ...(peak === null
            ? {}
            : {
                peakGflops: peak,
                peakBasis: `${t} × ${cpu.boostClockMHz} MHz × ${fp32FlopsPerCycle(cpu.isa.features)} FLOP/cycle`,
              }),
        },
      });
    }
    for (const t of [...new Set([1, threads])]) {
      specs.push({
        kind: 'native.stream-triad',
        id: `triad-t${t}`,
        title: `STREAM triad, ${t} thread${t > 1 ? 's' : ''}`,
        params: { elements: streamElements, threads: t },
      });
    }
    for (const bytes of latencyWorkingSets(preset)) {
      specs.push({
        kind: 'native.latency',
        id: `latency-${bytes}`,
        title: `Memory latency, ${formatBytes(bytes)}`,
        params: { bytes },
      });
    }
    specs.push({
      kind: 'native.hash',
      id: 'hash-64mib',
      title: 'Hashing (FNV-1a 64), 64 MiB',
      params: { bytes: 64 * MiB },
    });
  }
  const textBytes = preset === 'quick' ? 1_000_000 : 4_000_000;
  specs.push(
    { kind: 'zlib.deflate', id: 'deflate', title: 'zlib deflate (level 6)', params: { bytes: textBytes * 2 } },
    { kind: 'js.json-parse', id: 'json-parse', title: 'JSON.parse', params: { bytes: textBytes } },
    { kind: 'js.json-stringify', id: 'json-stringify', title: 'JSON.stringify', params: { bytes: textBytes } },
    { kind: 'js.regex', id: 'regex', title: 'Regex scan', params: { bytes: textBytes } },
    {
      kind: 'js.sort',
      id: 'sort',
      title: 'Float64Array sort',
      params: { elements: preset === 'quick' ? 1_000_000 : 4_000_000 },
    },
  );
  return specs;
}
