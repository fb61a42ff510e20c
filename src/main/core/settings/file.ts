import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { SETTING_KEYS, SettingsSchema, type Settings } from '../../../shared/schemas/settings';
import { errorMessage } from '../util/timebox';

export const SETTINGS_FILE = 'settings.json';

export interface StoredSettings {
  values: Partial<Settings>;
  warnings: string[];
}

/** Keeps every valid key of the file; a bad key is named in a warning and the rest still apply. */
export function parseSettingsFile(text: string, file: string): StoredSettings {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      values: {},
      warnings: [`${file} is not valid JSON (${errorMessage(error)}); defaults apply until a setting is saved`],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { values: {}, warnings: [`${file} does not hold an object; defaults apply until a setting is saved`] };
  }
  const values: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      warnings.push(`${file}: unknown setting "${key}" is ignored`);
      continue;
    }
    const parsed = SettingsSchema.shape[key as keyof Settings].safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else
      warnings.push(
        `${file}: ${key}=${JSON.stringify(value)} is not valid (${parsed.error.issues[0]?.message}); it is ignored`,
      );
  }
  return { values: values as Partial<Settings>, warnings };
}

function missing(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ENOENT';
}

export function loadSettingsFileSync(file: string): StoredSettings {
  try {
    return parseSettingsFile(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (missing(error)) return { values: {}, warnings: [] };
    return { values: {}, warnings: [`${file} is unreadable (${errorMessage(error)}); defaults apply`] };
  }
}

export async function loadSettingsFile(file: string): Promise<StoredSettings> {
  try {
    return parseSettingsFile(await readFile(file, 'utf8'), file);
  } catch (error) {
    if (missing(error)) return { values: {}, warnings: [] };
    return { values: {}, warnings: [`${file} is unreadable (${errorMessage(error)}); defaults apply`] };
  }
}

/** Written to a temporary file and renamed: a crash never leaves half a settings file. */
export async function saveSettingsFile(file: string, values: Partial<Settings>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const ordered = Object.fromEntries(SETTING_KEYS.filter((key) => key in values).map((key) => [key, values[key]]));
  await writeFileAtomic(file, `${JSON.stringify(ordered, null, 2)}\n`);
}
