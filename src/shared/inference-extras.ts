/**
 * Names of the memory figures an inference result carries in its extras. The engine writes them,
 * the matrix, the tuner and the CLI read them: one spelling for all.
 *
 * All are readings of the benchmark process's RSS high-water mark (one reading each, n = 1, no
 * spread). "Through the first inference" is read before the FP32 reference check and the
 * node-placement profile load their own sessions, so it is the inference's own peak; the process
 * figure is read at the end and includes those checks.
 */
export const MEMORY_EXTRAS = {
  beforeLoad: 'peak RSS before loading the model MiB',
  throughFirstInference: 'peak RSS through the first inference MiB',
  model: 'memory added by the model MiB',
  process: 'peak RSS of the benchmark process MiB',
} as const;

/** The inference's own peak memory (MiB) from a result's extras, or null when it was not recorded. */
export function inferencePeakMiB(extras: Record<string, unknown>): number | null {
  const value = extras[MEMORY_EXTRAS.throughFirstInference];
  return typeof value === 'number' ? value : null;
}

/** Items (batch × requests in flight) one latency sample processes: what turns ms into items/s and items/J. */
export const ITEMS_PER_SAMPLE = 'items per sample';
