import { InvalidArgumentError, Option } from 'commander';
import { LevelSchema, type Level } from '../../shared/schemas/bench';
import { SETTING_ENV, type SettingsView } from '../../shared/schemas/settings';
import type { Risk } from '../../shared/schemas/tune';
import { highestRisk } from '../core/settings/defaults';
import { settingsInForce } from '../core/settings/in-force';
import { resolveDataDir } from '../core/store/paths';

let cached: SettingsView | null = null;

/**
 * The settings in force (TUNEBENCH_* environment over <dataDir>/settings.json over defaults), read
 * once per process so every option default comes from the same reading. Their warnings (a bad
 * TUNEBENCH_LEVEL, a damaged file) are not printed here: the engine each command opens prints them,
 * once, and printing them here too would show every warning twice.
 */
export function cliSettings(): SettingsView {
  cached ??= settingsInForce(resolveDataDir());
  return cached;
}

export function parseLevel(value: string): Level {
  const parsed = LevelSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('must be basic, moderate or aggressive');
  return parsed.data;
}

/** `--level`, defaulting to the level in force; an explicit flag always wins. */
export function levelOption(description: string, parse: (value: string) => Level = parseLevel): Option {
  const level = cliSettings().values.level;
  return new Option('--level <level>', description)
    .argParser(parse)
    .default(level, `the level in Settings / ${SETTING_ENV.level}, now ${level}`);
}

/** `tune --auto --risk` default: the highest risk the level in force suggests (basic → safe, moderate → review, aggressive → risky). */
export function riskDefault(): { risk: Risk; description: string } {
  const level = cliSettings().values.level;
  const risk = highestRisk(level);
  return {
    risk,
    description: `the highest risk the level in Settings / ${SETTING_ENV.level} suggests, now ${risk} (${level})`,
  };
}

/** `hw --watch --hz` default: the telemetry rate in force. */
export function telemetryHzDefault(): { hz: number; description: string } {
  const hz = cliSettings().values.telemetryHz;
  return { hz, description: `the telemetry rate in Settings / ${SETTING_ENV.telemetryHz}, now ${hz} Hz` };
}
