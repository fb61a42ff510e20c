import { describe, expect, it } from 'vitest';
import { formatPlanBudget, resolveTheme, sourceNote } from '../../../src/renderer/src/stores/settings-rules';
import type { SettingsView } from '../../../src/shared/schemas/settings';

const values = { level: 'basic', maxWorkers: 1, telemetryHz: 2, scanCacheMode: 'disk', theme: 'system' } as const;
const view = {
  values,
  stored: {},
  defaults: values,
  sources: {
    level: { source: 'stored', variable: 'TUNEBENCH_LEVEL' },
    maxWorkers: { source: 'default', variable: 'TUNEBENCH_MAX_WORKERS' },
    telemetryHz: { source: 'env', variable: 'TUNEBENCH_TELEMETRY_HZ' },
    scanCacheMode: { source: 'default', variable: 'TUNEBENCH_SCAN_CACHE' },
    theme: { source: 'default', variable: 'TUNEBENCH_THEME' },
  },
  warnings: [],
  file: '/data/settings.json',
  dataDir: '/data',
  scanCacheDir: '/data/scan-cache',
  levels: [],
} satisfies SettingsView;

describe('settings rules', () => {
  it('resolves "system" to the preference and keeps an explicit theme', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('names the environment variable that sets a value and makes it read-only', () => {
    expect(sourceNote(view, 'telemetryHz')).toEqual({ text: 'set by TUNEBENCH_TELEMETRY_HZ', readOnly: true });
    expect(sourceNote(view, 'level')).toEqual({ text: 'saved', readOnly: false });
    expect(sourceNote(view, 'theme')).toEqual({ text: 'default', readOnly: false });
  });

  it('writes budgets in seconds from a second up', () => {
    expect(formatPlanBudget(3000)).toBe('3 s');
    expect(formatPlanBudget(500)).toBe('500 ms');
  });
});
