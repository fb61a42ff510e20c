import type { SettingsView } from '../../../shared/schemas/settings';
import { SettingsService } from './service';

/**
 * The settings in force for `dataDir` (environment over settings.json over defaults), read once,
 * synchronously: the CLI needs them while it builds its options, before any command runs.
 * Warnings are returned, not printed: the caller decides where and how often they appear.
 */
export function settingsInForce(dataDir: string, env: NodeJS.ProcessEnv = process.env): SettingsView {
  return new SettingsService({ dataDir, env }).current();
}
