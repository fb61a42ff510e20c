import { z } from 'zod';

/**
 * Progress of long work, as one discriminated union (after GitHub Desktop's models/progress.ts).
 * `value` is 0–1 when known.
 */
export const ProgressSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('step'),
    jobId: z.string(),
    value: z.number().min(0).max(1),
    title: z.string(),
    description: z.string().optional(),
  }),
  z.object({
    kind: z.literal('done'),
    jobId: z.string(),
    title: z.string(),
  }),
  z.object({
    kind: z.literal('failed'),
    jobId: z.string(),
    title: z.string(),
    error: z.string(),
  }),
]);
export type Progress = z.infer<typeof ProgressSchema>;
