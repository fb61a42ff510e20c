import type { BenchmarkResult, Run } from './schemas/bench';

/** One point of a measured curve: the median over a parameter, with its 95 % CI and sample count. */
export interface CurvePoint {
  x: number;
  label: string;
  median: number;
  low: number;
  high: number;
  n: number;
}

function ciOf(result: BenchmarkResult): [number, number] {
  return result.summary.medianCi ?? [result.summary.median, result.summary.median];
}

export function bytesLabel(bytes: number): string {
  if (bytes >= 2 ** 20) return `${bytes / 2 ** 20} MiB`;
  return `${bytes / 1024} KiB`;
}

/** The cache-hierarchy curve: ns per load against log2 of the working set. */
export function latencyCurve(run: Run): CurvePoint[] {
  return run.results
    .filter((r) => r.id.startsWith('latency-'))
    .map((r) => ({ r, bytes: Number(r.params.bytes) }))
    .filter(({ bytes }) => Number.isFinite(bytes) && bytes > 0)
    .map(({ r, bytes }) => {
      const [low, high] = ciOf(r);
      return { x: Math.log2(bytes), label: bytesLabel(bytes), median: r.summary.median, low, high, n: r.summary.n };
    })
    .sort((a, b) => a.x - b.x);
}

/**
 * GEMM throughput against thread count, with the ideal linear scaling from one thread. Ids with
 * ':' are derived series (energy, per-watt), not the throughput itself.
 */
export function scalingCurve(run: Run): Array<CurvePoint & { ideal: number }> {
  const points = run.results
    .filter((r) => r.id.startsWith('gemm-') && !r.id.includes(':'))
    .map((r) => ({ r, threads: Number(r.params.threads) }))
    .filter(({ threads }) => Number.isFinite(threads) && threads > 0)
    .map(({ r, threads }) => {
      const [low, high] = ciOf(r);
      return { x: threads, label: `${threads}`, median: r.summary.median, low, high, n: r.summary.n };
    })
    .sort((a, b) => a.x - b.x);
  const single = points.find((p) => p.x === 1)?.median ?? null;
  return points.map((p) => ({ ...p, ideal: single === null ? p.median : single * p.x }));
}
