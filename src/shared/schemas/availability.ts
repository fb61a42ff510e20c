import { z } from 'zod';

/**
 * Absence is data, not an exception: every optional device or tool section carries
 * whether it is there and, when it is not (or we cannot tell), the reason and a remedy.
 */
export const AvailabilityStatusSchema = z.enum(['present', 'absent', 'unknown']);
export type AvailabilityStatus = z.infer<typeof AvailabilityStatusSchema>;

export const AvailabilitySchema = z.object({
  status: AvailabilityStatusSchema,
  /** Why it is absent or unknown ("nvidia-smi not found on PATH"). Empty when present. */
  reason: z.string(),
  /** What the user can do about it, when something can be done. */
  remedy: z.string().optional(),
});
export type Availability = z.infer<typeof AvailabilitySchema>;
