import { loadCpuAddon } from '../native/cpu-addon';
import type { BenchmarkFactory } from '../worker/benchmark';

// Factories for the N-API kernels. Each loads the addon inside the worker (never in the main
// process) and converts the kernel's nanoseconds into the unit people compare: GFLOP/s, GB/s, ns.

function int(params: Record<string, unknown>, key: string): number {
  const value = Number(params[key]);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`parameter ${key} must be a positive integer`);
  return value;
}

export const gemm: BenchmarkFactory = async (params) => {
  const addon = loadCpuAddon();
  const n = int(params, 'n');
  const threads = int(params, 'threads');
  const kernel = new addon.Gemm(n, threads);
  const flops = 2 * n ** 3;
  return {
    unit: 'GFLOP/s',
    direction: 'higher-is-better',
    measure: () => flops / kernel.run(),
    extras: (median) => ({
      kernel: `tunebench ${addon.isa().gemm}`,
      compiler: addon.isa().compiler,
      ...(typeof params.peakGflops === 'number'
        ? { 'of nominal peak': `${((median / params.peakGflops) * 100).toFixed(0)} % (${String(params.peakBasis)})` }
        : { 'of nominal peak': 'not computable: the OS reports no boost clock' }),
    }),
    verify: () => {
      const error = kernel.maxAbsError();
      // Inputs in [-1, 1): a correct FP32 dot product of length n errs by ~n·2⁻²⁴ at worst.
      return error < 1e-6 * n * 10 ? null : `max |error| ${error} against a double-precision reference`;
    },
    dispose: () => kernel.dispose(),
  };
};

export const streamTriad: BenchmarkFactory = async (params) => {
  const addon = loadCpuAddon();
  const elements = int(params, 'elements');
  const stream = new addon.Stream(elements, int(params, 'threads'));
  const bytes = 24 * elements; // triad reads b and c and writes a: 3 doubles per element
  return {
    unit: 'GB/s',
    direction: 'higher-is-better',
    measure: () => bytes / stream.triad(),
    extras: () => ({ 'working set': `${((3 * 8 * elements) / 2 ** 20).toFixed(0)} MiB` }),
    verify: () => (stream.check() ? null : 'the arrays do not hold the values the kernels should have produced'),
    dispose: () => stream.dispose(),
  };
};

export const latency: BenchmarkFactory = async (params) => {
  const addon = loadCpuAddon();
  const bytes = int(params, 'bytes');
  const chase = new addon.Latency(bytes);
  // Two laps of the working set, at least 200k loads (small sets) and at most 1M (≈0.1–0.2 s at
  // DRAM latency), so that large sets still fit several samples into a Quick budget.
  const loads = Math.min(1_000_000, Math.max(200_000, Math.ceil((2 * bytes) / 64)));
  return {
    unit: 'ns',
    direction: 'lower-is-better',
    measure: () => chase.run(loads) / loads,
    extras: () => ({ 'working set': bytes >= 2 ** 20 ? `${bytes / 2 ** 20} MiB` : `${bytes / 1024} KiB` }),
    dispose: () => chase.dispose(),
  };
};

export const hash: BenchmarkFactory = async (params) => {
  const addon = loadCpuAddon();
  const bytes = int(params, 'bytes');
  const hasher = new addon.Hash(bytes);
  return {
    unit: 'GB/s',
    direction: 'higher-is-better',
    measure: () => bytes / hasher.run(),
    extras: () => ({ digest: hasher.digest() }),
    dispose: () => hasher.dispose(),
  };
};
