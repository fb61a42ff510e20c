import { z } from 'zod';

const nullableMs = z.number().nullable();

/**
 * The main (or serving) process's event-loop delay since the monitor started or was last reset
 * (perf_hooks.monitorEventLoopDelay). `lagMs` is the delay beyond the monitor's own timer
 * interval: 0 means every tick came on time. Null figures mean no sample was taken yet.
 */
export const EventLoopDiagnosticsSchema = z.object({
  since: z.string(),
  elapsedMs: z.number(),
  resolutionMs: z.number(),
  samples: z.number().int(),
  lagMs: z.object({
    min: nullableMs,
    mean: nullableMs,
    stddev: nullableMs,
    max: nullableMs,
    p50: nullableMs,
    p90: nullableMs,
    p99: nullableMs,
    p999: nullableMs,
  }),
  process: z.object({
    pid: z.number().int(),
    uptimeS: z.number(),
    rssBytes: z.number(),
    heapUsedBytes: z.number(),
  }),
});
export type EventLoopDiagnostics = z.infer<typeof EventLoopDiagnosticsSchema>;
