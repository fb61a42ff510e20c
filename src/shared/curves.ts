import { ITEMS_PER_SAMPLE } from './inference-extras';
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

/** One line of the throughput-by-batch chart: one model, precision, device and setting, over batch sizes. */
export interface BatchSeries {
  key: string;
  label: string;
  points: CurvePoint[];
}

/** "mlp", "silero_vad": the model file's name without the precision suffix the built-ins carry. */
export function inferenceModelName(result: BenchmarkResult): string {
  return String(result.params.modelPath ?? result.id)
    .split(/[\\/]/)
    .pop()!
    .replace(/-(fp32|fp16|int8)\.onnx$/, '')
    .replace(/\.onnx$/, '');
}

/**
 * Inference throughput against batch size, items/s = items per sample × 1000 / ms, from each
 * result's median and its 95 % CI (the ends swap: the slower end is fewer items/s). A series is
 * everything pinned but the batch, so two settings never share a line; only series measured at two
 * or more batch sizes are returned.
 */
export function throughputByBatch(run: Run): BatchSeries[] {
  const groups = new Map<string, BatchSeries>();
  for (const result of run.results) {
    if (!result.id.startsWith('infer-') || result.unit !== 'ms' || result.summary.median <= 0) continue;
    const { batch, ...pinned } = result.params;
    const batchSize = Number(batch);
    const items = Number(result.extras[ITEMS_PER_SAMPLE] ?? batchSize * Number(result.params.parallel ?? 1));
    if (!(batchSize > 0) || !(items > 0)) continue;
    const key = JSON.stringify(Object.entries(pinned).sort(([a], [b]) => a.localeCompare(b)));
    const parallel = Number(result.params.parallel ?? 1);
    const label = `${inferenceModelName(result)} · ${String(result.params.precision ?? '').toUpperCase()} · ${String(result.params.device ?? '')}${parallel > 1 ? ` · ×${parallel}` : ''}`;
    const [slow, fast] = [...ciOf(result)].reverse() as [number, number];
    const rate = (ms: number) => (items * 1000) / ms;
    const series = groups.get(key) ?? { key, label, points: [] };
    series.points.push({
      x: batchSize,
      label: `batch ${batchSize}`,
      median: rate(result.summary.median),
      low: rate(slow),
      high: rate(fast),
      n: result.summary.n,
    });
    groups.set(key, series);
  }
  return [...groups.values()]
    .filter((series) => series.points.length > 1)
    .map((series) => ({ ...series, points: series.points.sort((a, b) => a.x - b.x) }));
}
