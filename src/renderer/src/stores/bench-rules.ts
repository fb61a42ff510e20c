import type { BenchmarkResult, Run } from '../../../shared/schemas/bench';

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

function bytesLabel(bytes: number): string {
  if (bytes >= 2 ** 20) return `${bytes / 2 ** 20} MiB`;
  return `${bytes / 1024} KiB`;
}

/** The cache-hierarchy curve: ns per load against log2 of the working set. */
export function latencyCurve(run: Run): CurvePoint[] {
  return run.results
    .filter((r) => r.id.startsWith('latency-'))
    .map((r) => {
      const bytes = Number(r.params.bytes);
      const [low, high] = ciOf(r);
      return { x: Math.log2(bytes), label: bytesLabel(bytes), median: r.summary.median, low, high, n: r.summary.n };
    })
    .sort((a, b) => a.x - b.x);
}

/** GEMM throughput against thread count, with the ideal linear scaling from one thread. */
export function scalingCurve(run: Run): Array<CurvePoint & { ideal: number }> {
  const points = run.results
    .filter((r) => r.id.startsWith('gemm-') && !r.id.includes(':'))
    .map((r) => {
      const threads = Number(r.params.threads);
      const [low, high] = ciOf(r);
      return { x: threads, label: `${threads}`, median: r.summary.median, low, high, n: r.summary.n };
    })
    .sort((a, b) => a.x - b.x);
  const single = points.find((p) => p.x === 1)?.median ?? null;
  return points.map((p) => ({ ...p, ideal: single === null ? p.median : single * p.x }));
}

/** Seconds left, from the elapsed time and the fraction done; null until it means something. */
export function etaSeconds(fractionDone: number, elapsedMs: number): number | null {
  if (fractionDone < 0.05 || elapsedMs < 2000) return null;
  return Math.max(0, Math.round(((elapsedMs / fractionDone) * (1 - fractionDone)) / 1000));
}

/** Primary results only: command runs also store [user]/[sys]/[RSS] series as their own results. */
export function primaryResults(run: Run): BenchmarkResult[] {
  return run.results.filter((r) => !/:(user|sys|rss)$/.test(r.id));
}
