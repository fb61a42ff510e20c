import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventLoopDiagnostics } from '../../../shared/schemas/diagnostics';

const NS_PER_MS = 1e6;

/**
 * The process's event-loop delay (perf_hooks.monitorEventLoopDelay): a timer every `resolutionMs`
 * records how late it fired. What it records includes the interval itself, so the lag reported is
 * the recorded delay minus the resolution, clamped at 0. The histogram's timer is unref'd: it never
 * keeps a process alive.
 */
export class EventLoopMonitor {
  private histogram: IntervalHistogram | null = null;
  private since = new Date();
  private sinceMs = performance.now();

  constructor(readonly resolutionMs = 10) {}

  get running(): boolean {
    return this.histogram !== null;
  }

  start(): void {
    if (this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.histogram.enable();
    this.markReset();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = null;
  }

  reset(): void {
    this.histogram?.reset();
    this.markReset();
  }

  read(): EventLoopDiagnostics {
    const h = this.histogram;
    const samples = h ? h.count : 0;
    const lag = (ns: number | undefined): number | null =>
      samples > 0 && ns !== undefined && Number.isFinite(ns) ? Math.max(0, ns / NS_PER_MS - this.resolutionMs) : null;
    const memory = process.memoryUsage();
    return {
      since: this.since.toISOString(),
      elapsedMs: performance.now() - this.sinceMs,
      resolutionMs: this.resolutionMs,
      samples,
      lagMs: {
        min: lag(h?.min),
        mean: lag(h?.mean),
        // The spread does not include the constant interval: no subtraction.
        stddev: samples > 0 && h ? h.stddev / NS_PER_MS : null,
        max: lag(h?.max),
        p50: lag(h?.percentile(50)),
        p90: lag(h?.percentile(90)),
        p99: lag(h?.percentile(99)),
        p999: lag(h?.percentile(99.9)),
      },
      process: {
        pid: process.pid,
        uptimeS: process.uptime(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      },
    };
  }

  private markReset(): void {
    this.since = new Date();
    this.sinceMs = performance.now();
  }
}
