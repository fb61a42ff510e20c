import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../../../src/shared/contract';
import { readEnvSettings } from '../../../../../src/main/core/settings/env';
import { SETTINGS_FILE } from '../../../../../src/main/core/settings/file';
import { SettingsService } from '../../../../../src/main/core/settings/service';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('settings from the environment', () => {
  it('parses every TUNEBENCH_* variable with the setting schema', () => {
    const { values, warnings } = readEnvSettings({
      TUNEBENCH_LEVEL: 'Moderate',
      TUNEBENCH_MAX_WORKERS: ' 3 ',
      TUNEBENCH_TELEMETRY_HZ: '0.5',
      TUNEBENCH_SCAN_CACHE: 'both',
      TUNEBENCH_THEME: 'dark',
    });
    expect(warnings).toEqual([]);
    expect(values).toEqual({
      level: 'moderate',
      maxWorkers: 3,
      telemetryHz: 0.5,
      scanCacheMode: 'both',
      theme: 'dark',
    });
  });

  it('ignores bad values with a warning that names the variable and says why', () => {
    const { values, warnings } = readEnvSettings({
      TUNEBENCH_LEVEL: 'ludicrous',
      TUNEBENCH_MAX_WORKERS: '2.5',
      TUNEBENCH_TELEMETRY_HZ: '50',
      TUNEBENCH_SCAN_CACHE: '',
      TUNEBENCH_THEME: 'dark',
    });
    expect(values).toEqual({ theme: 'dark' });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^TUNEBENCH_LEVEL="ludicrous" is not valid \(.+\); it is ignored$/);
    expect(warnings[1]).toMatch(/^TUNEBENCH_MAX_WORKERS="2.5" is not valid \(max workers must be a whole number\)/);
    expect(warnings[2]).toMatch(/^TUNEBENCH_TELEMETRY_HZ="50" is not valid \(telemetry rate must be at most 10 Hz\)/);
  });

  it('refuses a non-number for a numeric setting', () => {
    const { values, warnings } = readEnvSettings({ TUNEBENCH_TELEMETRY_HZ: 'fast' });
    expect(values).toEqual({});
    expect(warnings[0]).toContain('TUNEBENCH_TELEMETRY_HZ="fast"');
  });
});

describe('SettingsService', () => {
  it('starts from the defaults when nothing is stored or set', async () => {
    const service = new SettingsService({ dataDir: tempDir(), env: {}, cpus: 4 });
    const view = await service.view();
    expect(view.values).toEqual({
      level: 'basic',
      maxWorkers: 3,
      telemetryHz: 2,
      scanCacheMode: 'disk',
      theme: 'system',
    });
    expect(Object.values(view.sources).map((s) => s.source)).toEqual(Array(5).fill('default'));
    expect(view.sources.telemetryHz.variable).toBe('TUNEBENCH_TELEMETRY_HZ');
    expect(view.warnings).toEqual([]);
    // The view is what the API promises.
    expect(apiMethods['settings.get'].output.parse(view)).toEqual(view);
  });

  it('persists to settings.json and reads it back in a new process (a new service)', async () => {
    const dir = tempDir();
    const first = new SettingsService({ dataDir: dir, env: {} });
    await first.set({ level: 'aggressive', telemetryHz: 5 });
    await first.set({ theme: 'light' });
    const file = join(dir, SETTINGS_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ level: 'aggressive', telemetryHz: 5, theme: 'light' });

    const second = new SettingsService({ dataDir: dir, env: {} });
    expect(second.effective()).toMatchObject({ level: 'aggressive', telemetryHz: 5, theme: 'light' });
    const view = await second.view();
    expect(view.sources.level.source).toBe('stored');
    expect(view.sources.scanCacheMode.source).toBe('default');
  });

  it('lets an environment value win over the stored one, and keeps the stored one for later', async () => {
    const dir = tempDir();
    await new SettingsService({ dataDir: dir, env: {} }).set({ telemetryHz: 5, theme: 'light' });
    const service = new SettingsService({ dataDir: dir, env: { TUNEBENCH_TELEMETRY_HZ: '10' } });
    const view = await service.view();
    expect(view.values.telemetryHz).toBe(10);
    expect(view.sources.telemetryHz).toEqual({ source: 'env', variable: 'TUNEBENCH_TELEMETRY_HZ' });
    expect(view.stored.telemetryHz).toBe(5);
    expect(view.values.theme).toBe('light');

    // Saving the overridden key stores it, but the environment still wins while it is set.
    const after = await service.set({ telemetryHz: 1 });
    expect(after.values.telemetryHz).toBe(10);
    expect(after.stored.telemetryHz).toBe(1);
    expect((await new SettingsService({ dataDir: dir, env: {} }).view()).values.telemetryHz).toBe(1);
  });

  it('falls back to the stored value (or the default) when the environment value is bad, and says so', async () => {
    const dir = tempDir();
    await new SettingsService({ dataDir: dir, env: {} }).set({ level: 'moderate' });
    const service = new SettingsService({
      dataDir: dir,
      env: { TUNEBENCH_LEVEL: 'turbo', TUNEBENCH_THEME: 'neon' },
    });
    const view = await service.view();
    expect(view.values.level).toBe('moderate');
    expect(view.values.theme).toBe('system');
    expect(view.sources.level.source).toBe('stored');
    expect(view.warnings.join('\n')).toMatch(/TUNEBENCH_LEVEL="turbo" is not valid/);
    expect(view.warnings.join('\n')).toMatch(/TUNEBENCH_THEME="neon" is not valid/);
  });

  it('keeps the valid keys of a settings file with bad ones, and survives a damaged file', async () => {
    const dir = tempDir();
    const file = join(dir, SETTINGS_FILE);
    writeFileSync(file, JSON.stringify({ level: 'moderate', telemetryHz: 99, colour: 'red' }));
    const partial = await new SettingsService({ dataDir: dir, env: {} }).view();
    expect(partial.values.level).toBe('moderate');
    expect(partial.values.telemetryHz).toBe(2);
    expect(partial.warnings).toEqual([
      expect.stringMatching(/telemetryHz=99 is not valid \(telemetry rate must be at most 10 Hz\)/),
      expect.stringMatching(/unknown setting "colour"/),
    ]);

    writeFileSync(file, '{ not json');
    const service = new SettingsService({ dataDir: dir, env: {} });
    const damaged = await service.view();
    expect(damaged.values.level).toBe('basic');
    expect(damaged.warnings[0]).toMatch(/is not valid JSON/);
    // The next change writes a clean file.
    await service.set({ theme: 'dark' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark' });
  });

  it('describes what each level measures and which risks it suggests, from the runner sampling plan', async () => {
    const view = await new SettingsService({ dataDir: tempDir(), env: {} }).view();
    expect(view.levels.map((l) => [l.id, l.targetRelativeHalfWidth, l.risks])).toEqual([
      ['basic', 0.03, ['safe']],
      ['moderate', 0.01, ['safe', 'review']],
      ['aggressive', 0.005, ['safe', 'review', 'risky']],
    ]);
    expect(view.levels[2]!.maxSamples).toBeGreaterThan(view.levels[0]!.maxSamples);
  });

  it('refuses out-of-range values at the API boundary', () => {
    const input = apiMethods['settings.set'].input;
    expect(input.safeParse({ telemetryHz: 0.1 }).success).toBe(false);
    expect(input.safeParse({ maxWorkers: 0 }).success).toBe(false);
    expect(input.safeParse({ scanCacheMode: 'cloud' }).success).toBe(false);
    expect(input.safeParse({ nope: 1 }).success).toBe(false);
    expect(input.safeParse({ theme: 'dark', level: 'moderate' }).success).toBe(true);
  });
});

describe('scan cache modes', () => {
  const entry = { lines: 10, binary: false, language: 'TypeScript' };

  it('disk: a new cache per scan, persisted to a file that clearing removes', async () => {
    const dir = tempDir();
    const project = tempDir();
    const service = new SettingsService({ dataDir: dir, env: { TUNEBENCH_SCAN_CACHE: 'disk' } });
    const cache = await service.openScanCache(project);
    cache.set('a.ts', 1, 2, entry);
    await cache.persist?.();
    const again = await service.openScanCache(project);
    expect(again).not.toBe(cache);
    expect(again.get('a.ts', 1, 2)).toEqual(entry);
    const cleared = await service.clearScanCache();
    expect(cleared.removedFiles).toBe(1);
    expect(cleared.freedBytes).toBeGreaterThan(0);
    expect((await service.openScanCache(project)).get('a.ts', 1, 2)).toBeUndefined();
  });

  it('memory: one cache per root for the process, nothing on disk', async () => {
    const dir = tempDir();
    const project = tempDir();
    const service = new SettingsService({ dataDir: dir, env: { TUNEBENCH_SCAN_CACHE: 'memory' } });
    const cache = await service.openScanCache(project);
    cache.set('a.ts', 1, 2, entry);
    await cache.persist?.();
    expect(await service.openScanCache(project)).toBe(cache);
    expect(existsSync(join(dir, 'scan-cache'))).toBe(false);
    expect(await service.clearScanCache()).toEqual({ removedFiles: 0, freedBytes: 0, memoryRootsCleared: 1 });
    expect((await service.openScanCache(project)).get('a.ts', 1, 2)).toBeUndefined();
  });

  it('both: the same cache object across scans, and its file for the next process', async () => {
    const dir = tempDir();
    const project = tempDir();
    const service = new SettingsService({ dataDir: dir, env: {} });
    await service.set({ scanCacheMode: 'both' });
    const cache = await service.openScanCache(project);
    cache.set('a.ts', 1, 2, entry);
    await cache.persist?.();
    expect(await service.openScanCache(project)).toBe(cache);
    const nextProcess = new SettingsService({ dataDir: dir, env: { TUNEBENCH_SCAN_CACHE: 'disk' } });
    expect((await nextProcess.openScanCache(project)).get('a.ts', 1, 2)).toEqual(entry);
  });
});
