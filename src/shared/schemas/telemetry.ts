import { z } from 'zod';

export const TELEMETRY_MIN_HZ = 0.5;
export const TELEMETRY_MAX_HZ = 10;

export const TelemetryRateSchema = z
  .number()
  .min(TELEMETRY_MIN_HZ, `telemetry rate must be at least ${TELEMETRY_MIN_HZ} Hz`)
  .max(TELEMETRY_MAX_HZ, `telemetry rate must be at most ${TELEMETRY_MAX_HZ} Hz`);

export const GpuSampleSchema = z.object({
  index: z.number().int(),
  utilizationPct: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
  smClockMHz: z.number().nullable(),
  powerW: z.number().nullable(),
  temperatureC: z.number().nullable(),
  /** Active clock-event (throttle) reasons, e.g. "sw_thermal_slowdown"; empty when none. */
  throttleReasons: z.array(z.string()),
});
export type GpuSample = z.infer<typeof GpuSampleSchema>;

export const NpuSampleSchema = z.object({
  node: z.string(),
  /** Share of the interval the NPU was busy, from the change of npu_busy_time_us. */
  busyPct: z.number().nullable(),
});

export const TelemetrySampleSchema = z.object({
  /** Milliseconds since the Unix epoch. */
  t: z.number(),
  cpu: z.object({
    totalPct: z.number(),
    perCorePct: z.array(z.number()),
    /** Current frequency per logical CPU in MHz (empty where the OS does not say). */
    freqMHz: z.array(z.number()),
    temperatureC: z.number().nullable(),
  }),
  memory: z.object({
    usedBytes: z.number(),
    availableBytes: z.number(),
    totalBytes: z.number(),
  }),
  gpus: z.array(GpuSampleSchema),
  npus: z.array(NpuSampleSchema),
});
export type TelemetrySample = z.infer<typeof TelemetrySampleSchema>;

export const TelemetryStatusSchema = z.object({
  running: z.boolean(),
  hz: z.number(),
  bufferedSamples: z.number().int(),
  capacity: z.number().int(),
  /** Why GPU or NPU series are missing, so the UI can say it instead of drawing nothing. */
  notes: z.array(z.string()),
});
export type TelemetryStatus = z.infer<typeof TelemetryStatusSchema>;
