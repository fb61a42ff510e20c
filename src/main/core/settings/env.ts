import { SETTING_ENV, SETTING_KEYS, SettingsSchema, type Settings } from '../../../shared/schemas/settings';

export interface EnvSettings {
  values: Partial<Settings>;
  warnings: string[];
}

const NUMERIC = new Set(['maxWorkers', 'telemetryHz']);

/**
 * TUNEBENCH_LEVEL, TUNEBENCH_MAX_WORKERS, TUNEBENCH_TELEMETRY_HZ, TUNEBENCH_SCAN_CACHE and
 * TUNEBENCH_THEME, each validated with the setting's own schema. A bad value is ignored as if the
 * variable were unset (the stored value or the default applies) and named in a warning.
 */
export function readEnvSettings(env: NodeJS.ProcessEnv): EnvSettings {
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const key of SETTING_KEYS) {
    const variable = SETTING_ENV[key];
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    const candidate = NUMERIC.has(key) ? Number(raw) : raw.toLowerCase();
    const parsed = SettingsSchema.shape[key].safeParse(candidate);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      warnings.push(`${variable}=${JSON.stringify(raw)} is not valid (${reason}); it is ignored`);
    }
  }
  return { values: values as Partial<Settings>, warnings };
}
