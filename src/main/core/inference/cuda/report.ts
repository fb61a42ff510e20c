import { z } from 'zod';

/**
 * The JSON document tb-cuda (native/cuda) prints: schema "tunebench-cuda", version 1. Validated rather than
 * trusted because it comes from a native process that talks to a GPU driver: a half-written document (the
 * tool died mid-print) or a future version must be refused with a message that names the bad field.
 */
const Rate = z.number().nonnegative().nullable();
const Count = z.number().int().nonnegative();

export const CudaDeviceResultsSchema = z.object({
  h2dPageableGBps: Rate,
  h2dPinnedGBps: Rate,
  d2hPageableGBps: Rate,
  d2hPinnedGBps: Rate,
  /** Device-to-device copy, counting the read and the write (2 × bytes), like NVIDIA's bandwidthTest. */
  d2dGBps: Rate,
  fp32Tflops: Rate,
  /** null where the device lacks FP16 tensor cores (compute capability < 7.0). */
  fp16Tflops: Rate,
  /** null where the device lacks BF16 tensor cores (compute capability < 8.0). */
  bf16Tflops: Rate,
  /** Median host-side round trip of an empty kernel launch + synchronise. */
  launchLatencyUs: Rate,
  method: z.object({ matmul: z.enum(['own tiled kernels', 'cuBLAS']) }),
});

export const CudaDeviceSchema = z.object({
  index: Count,
  name: z.string(),
  computeCapability: z.string().regex(/^\d+\.\d+$/, 'expected "major.minor", e.g. "8.9"'),
  multiprocessors: Count,
  clockMHz: z.number().nonnegative().nullable(),
  memoryClockMHz: z.number().nonnegative().nullable(),
  memoryBusWidth: Count.nullable(),
  totalGlobalMemBytes: Count,
  l2CacheBytes: Count.nullable(),
  results: CudaDeviceResultsSchema,
});

export const CudaToolReportSchema = z.object({
  schema: z.literal('tunebench-cuda'),
  version: z.literal(1),
  devices: z.array(CudaDeviceSchema),
  errors: z.array(z.string()),
});

export type CudaDevice = z.infer<typeof CudaDeviceSchema>;
export type CudaDeviceResults = z.infer<typeof CudaDeviceResultsSchema>;
export type CudaToolReport = z.infer<typeof CudaToolReportSchema>;

export class CudaToolOutputError extends Error {
  constructor(message: string) {
    super(`tb-cuda output: ${message}`);
    this.name = 'CudaToolOutputError';
  }
}

/** "devices[0].results.fp16Tflops" from a zod issue path. */
function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/** Parses and validates tb-cuda's stdout; throws CudaToolOutputError naming the first bad fields by JSON path. */
export function parseCudaToolOutput(text: string): CudaToolReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const excerpt = text.trim().slice(0, 80);
    throw new CudaToolOutputError(
      `not valid JSON (${(error as Error).message}); output begins ${JSON.stringify(excerpt)}`,
    );
  }
  const parsed = CudaToolReportSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${jsonPath(issue.path) || '(root)'}: ${issue.message}`);
    throw new CudaToolOutputError(issues.join('; '));
  }
  return parsed.data;
}
