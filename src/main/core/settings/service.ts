import { join } from 'node:path';
import { SETTING_ENV, SETTING_KEYS, type Settings, type SettingsView } from '../../../shared/schemas/settings';
import type { ScanCache } from '../project/scan';
import { defaultSettings, levelInfos } from './defaults';
import { readEnvSettings, type EnvSettings } from './env';
import { loadSettingsFile, loadSettingsFileSync, saveSettingsFile, SETTINGS_FILE, type StoredSettings } from './file';
import { ScanCacheProvider } from './scan-cache';

export interface SettingsServiceOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Logical CPUs, for the default worker count. */
  cpus?: number;
}

/**
 * User settings: a JSON file in the data folder (not a database table, so they load even when the
 * database is locked or unreadable, and a headless box can be configured with a text editor),
 * overridden per key by TUNEBENCH_* environment variables. Precedence: environment, file, default.
 */
export class SettingsService {
  readonly file: string;
  readonly dataDir: string;
  readonly scanCaches: ScanCacheProvider;
  private readonly env: EnvSettings;
  private readonly defaults: Settings;
  private stored: StoredSettings;

  constructor(options: SettingsServiceOptions) {
    this.dataDir = options.dataDir;
    this.file = join(options.dataDir, SETTINGS_FILE);
    this.env = readEnvSettings(options.env ?? process.env);
    this.defaults = defaultSettings(options.cpus);
    this.stored = loadSettingsFileSync(this.file);
    this.scanCaches = new ScanCacheProvider(join(options.dataDir, 'scan-cache'), () => this.effective().scanCacheMode);
  }

  /** The settings in force, from what was last read (no I/O: callers on hot paths use this). */
  effective(): Settings {
    return { ...this.defaults, ...this.stored.values, ...this.env.values };
  }

  /** Re-reads the file (another process, e.g. the CLI, may have changed it) and describes every value's source. */
  async view(): Promise<SettingsView> {
    this.stored = await loadSettingsFile(this.file);
    return this.current();
  }

  async set(patch: Partial<Settings>): Promise<SettingsView> {
    const current = await loadSettingsFile(this.file);
    const next = { ...current.values, ...patch };
    await saveSettingsFile(this.file, next);
    this.stored = { values: next, warnings: [] };
    return this.current();
  }

  openScanCache(root: string): Promise<ScanCache> {
    return this.scanCaches.open(root);
  }

  clearScanCache() {
    return this.scanCaches.clear();
  }

  /** Warnings to print once at start-up (bad environment values, a damaged file). */
  startupWarnings(): string[] {
    return [...this.env.warnings, ...this.stored.warnings];
  }

  /** The view from what was last read (no I/O): for a process that reads its settings once, like the CLI. */
  current(): SettingsView {
    const sources = Object.fromEntries(
      SETTING_KEYS.map((key) => [
        key,
        {
          source: key in this.env.values ? 'env' : key in this.stored.values ? 'stored' : 'default',
          variable: SETTING_ENV[key],
        } as const,
      ]),
    ) as SettingsView['sources'];
    return {
      values: this.effective(),
      stored: this.stored.values,
      defaults: this.defaults,
      sources,
      warnings: this.startupWarnings(),
      file: this.file,
      dataDir: this.dataDir,
      scanCacheDir: this.scanCaches.dir,
      levels: levelInfos(),
    };
  }
}
