import type { SettingKey, SettingsView, Theme } from '../../../shared/schemas/settings';

/** The theme to draw: the setting, or the system's preference when it says "system". */
export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

/** Where a value comes from, in words; an environment variable makes the control read-only. */
export function sourceNote(view: SettingsView, key: SettingKey): { text: string; readOnly: boolean } {
  const source = view.sources[key];
  if (source.source === 'env') return { text: `set by ${source.variable}`, readOnly: true };
  if (source.source === 'stored') return { text: 'saved', readOnly: false };
  return { text: 'default', readOnly: false };
}

export function formatPlanBudget(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
