import { z } from 'zod';
import { LevelSchema } from './bench';
import { TelemetryRateSchema } from './telemetry';
import { RiskSchema } from './tune';

export const ThemeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof ThemeSchema>;

/** memory: kept for the process's life; disk: one JSON file per project in <dataDir>/scan-cache; both: memory in front of disk. */
export const ScanCacheModeSchema = z.enum(['memory', 'disk', 'both']);
export type ScanCacheMode = z.infer<typeof ScanCacheModeSchema>;

export const MAX_WORKERS_LIMIT = 256;

/** Every user setting with its own validation; the same schema checks the file, the API and the environment. */
export const SettingsSchema = z.object({
  /** The default sampling precision of new runs, and how far tuning suggestions may go. */
  level: LevelSchema,
  /** How many processes non-measuring work (scans, reports, tuning preparation) may use at once. */
  maxWorkers: z
    .number()
    .int('max workers must be a whole number')
    .min(1, 'max workers must be at least 1')
    .max(MAX_WORKERS_LIMIT, `max workers must be at most ${MAX_WORKERS_LIMIT}`),
  /** The live telemetry rate in hertz. */
  telemetryHz: TelemetryRateSchema,
  scanCacheMode: ScanCacheModeSchema,
  theme: ThemeSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** The environment variable that overrides each setting (headless boxes, CI). */
export const SETTING_ENV: Record<SettingKey, string> = {
  level: 'TUNEBENCH_LEVEL',
  maxWorkers: 'TUNEBENCH_MAX_WORKERS',
  telemetryHz: 'TUNEBENCH_TELEMETRY_HZ',
  scanCacheMode: 'TUNEBENCH_SCAN_CACHE',
  theme: 'TUNEBENCH_THEME',
};

export const SettingSourceSchema = z.object({
  /** env wins over the stored value, which wins over the default. */
  source: z.enum(['env', 'stored', 'default']),
  variable: z.string(),
});

/** What one level means: the stopping rule of a benchmark, and which tuning risks are suggested. */
export const LevelInfoSchema = z.object({
  id: LevelSchema,
  title: z.string(),
  targetRelativeHalfWidth: z.number(),
  warmupRuns: z.number().int(),
  minSamples: z.number().int(),
  maxSamples: z.number().int(),
  budgetMs: z.number(),
  risks: z.array(RiskSchema),
  description: z.string(),
});
export type LevelInfo = z.infer<typeof LevelInfoSchema>;

export const SettingsViewSchema = z.object({
  /** What is in force: environment over stored file over defaults. */
  values: SettingsSchema,
  /** What the settings file holds (may differ from `values` where an environment variable wins). */
  stored: SettingsSchema.partial(),
  defaults: SettingsSchema,
  sources: z.record(z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]), SettingSourceSchema),
  /** Bad environment values or a damaged settings file: what was ignored and why. */
  warnings: z.array(z.string()),
  file: z.string(),
  dataDir: z.string(),
  scanCacheDir: z.string(),
  levels: z.array(LevelInfoSchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const ClearScanCacheResultSchema = z.object({
  removedFiles: z.number().int(),
  freedBytes: z.number().int(),
  memoryRootsCleared: z.number().int(),
});
