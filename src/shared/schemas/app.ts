import { z } from 'zod';

export const StoreStatusSchema = z.object({
  ok: z.boolean(),
  path: z.string(),
  /** Set when the database had to be moved aside or could not be opened. */
  message: z.string().nullable(),
});

export const AppInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'web', 'cli']),
  dataDir: z.string(),
  store: StoreStatusSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
