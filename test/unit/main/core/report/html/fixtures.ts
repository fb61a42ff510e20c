import { compareRuns } from '../../../../../../src/main/core/bench/compare-runs';
import { seededRandom } from '../../../../../../src/main/core/bench/stats/random';
import { summarize } from '../../../../../../src/main/core/bench/stats/summary';
import { buildReport, type ReportInput } from '../../../../../../src/main/core/report/build';
import {
  RunSchema,
  type BenchmarkResult,
  type Direction,
  type Run,
  type RunComparison,
} from '../../../../../../src/shared/schemas/bench';
import {
  HardwareProfileSchema,
  IsaFeatureNameSchema,
  type HardwareProfile,
} from '../../../../../../src/shared/schemas/hardware';
import type { Report } from '../../../../../../src/shared/schemas/report';

/** Samples around a centre with a little noise and a few slow outliers, reproducibly. */
export function noisySamples(centre: number, n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => centre * (1 + (random() - 0.5) * 0.04 + (i % 37 === 5 ? 0.3 : 0)));
}

export function result(
  id: string,
  title: string,
  params: BenchmarkResult['params'],
  unit: string,
  direction: Direction,
  samples: number[],
): BenchmarkResult {
  return {
    id,
    title,
    params,
    unit,
    direction,
    samples,
    summary: summarize(samples),
    plan: { warmupRuns: 1, minSamples: 10, maxSamples: 200, budgetMs: 5000, targetRelativeHalfWidth: 0.03 },
    stopReason: 'precision-reached',
    warnings: [],
    extras: {},
  };
}

export function run(id: number, results: BenchmarkResult[], overrides: Partial<Run> = {}): Run {
  return RunSchema.parse({
    id,
    kind: 'cpu',
    name: 'CPU quick',
    fingerprint: 'f00dfeed12345678',
    startedAt: '2026-11-22T02:00:00.000Z',
    finishedAt: '2026-11-22T02:01:05.000Z',
    status: 'completed',
    error: null,
    settings: { preset: 'quick', level: 'basic', options: {} },
    results,
    failures: [],
    warnings: [],
    telemetry: null,
    ...overrides,
  });
}

/** The shape of a real `bench cpu --only gemm,latency,sort` run: scaling, latency curve, one more. */
export function cpuRun(id: number, seed: number, speed = 1, n = 24, overrides: Partial<Run> = {}): Run {
  const sizes = [16384, 262144, 4194304, 67108864];
  const latency = [0.95, 3.3, 12.5, 157];
  return run(
    id,
    [
      result(
        'gemm-512-t1',
        'FP32 GEMM 512³, 1 thread',
        { n: 512, threads: 1 },
        'GFLOP/s',
        'higher-is-better',
        noisySamples(220 * speed, n, seed),
      ),
      result(
        'gemm-512-t2',
        'FP32 GEMM 512³, 2 threads',
        { n: 512, threads: 2 },
        'GFLOP/s',
        'higher-is-better',
        noisySamples(400 * speed, n, seed + 1),
      ),
      ...sizes.map((bytes, i) =>
        result(
          `latency-${bytes}`,
          `Memory latency, ${bytes / 1024} KiB`,
          { bytes },
          'ns',
          'lower-is-better',
          noisySamples(latency[i]! / speed, n, seed + 2 + i),
        ),
      ),
      result(
        'sort',
        'Float64Array sort',
        { elements: 1_000_000 },
        'M elements/s',
        'higher-is-better',
        noisySamples(10.6 * speed, n, seed + 9),
      ),
    ],
    overrides,
  );
}

export function machine(overrides: Partial<HardwareProfile> = {}): HardwareProfile {
  const absent = { status: 'absent' as const, reason: 'not on this machine' };
  return HardwareProfileSchema.parse({
    schemaVersion: 1,
    collectedAt: '2026-11-22T01:59:00.000Z',
    collectionMs: 120,
    fingerprint: 'f00dfeed12345678',
    cpu: {
      vendor: 'AMD',
      model: 'AMD EPYC 9B14',
      arch: 'x64',
      physicalCores: 8,
      threads: 16,
      baseClockMHz: 2600,
      boostClockMHz: null,
      caches: { l1dBytes: 32768, l1iBytes: 32768, l2Bytes: 1048576, l3Bytes: 33554432 },
      isa: {
        features: Object.fromEntries(
          IsaFeatureNameSchema.options.map((name) => [name, ['avx2', 'fma'].includes(name)]),
        ),
        rawFlags: ['avx2', 'fma'],
      },
      governor: 'performance',
      virtualized: true,
    },
    memory: { totalBytes: 64 * 2 ** 30, type: null, speedMTs: null, modules: null, detail: absent },
    os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', kernel: '6.1.0', hostname: 'bench-box' },
    storage: [],
    power: { hasBattery: false, acConnected: null, batteryPercent: null },
    nvidia: {
      status: 'absent',
      reason: 'no NVIDIA driver: nvidia-smi not found on PATH',
      driverVersion: null,
      cudaVersion: null,
    },
    gpus: [],
    npu: { ...absent, openvino: { ...absent, version: null, devices: [] }, accel: { ...absent, devices: [] } },
    onnxruntime: { ...absent, version: null, providers: [] },
    warnings: [],
    ...overrides,
  });
}

/** A report as the CLI would build it: two runs of the same machine and their comparison. */
export function twoRunReport(input: Partial<ReportInput> = {}): Report {
  const base = cpuRun(1, 11);
  const head = cpuRun(2, 23, 1.1);
  const comparisons: RunComparison[] = [compareRuns(base, head)];
  return buildReport({ machine: machine(), runs: [base, head], comparisons, ...input });
}
