import { useBench } from './bench';
import { useSettings } from './settings';
import { resolveTheme } from './settings-rules';
import { useTelemetry } from './telemetry';
import type { Settings } from '../../../shared/schemas/settings';

/**
 * Applies the settings in force to the whole app: the theme as data-theme on <html> (CSS
 * variables follow it), and the defaults other pages start from (telemetry rate, precision level).
 * Imported once from main.tsx.
 */
const darkQuery = window.matchMedia?.('(prefers-color-scheme: dark)');
let applied: Settings | null = null;

function applyTheme(settings: Settings | null): void {
  const theme = settings?.theme ?? 'system';
  document.documentElement.dataset.theme = resolveTheme(theme, darkQuery?.matches ?? false);
  document.documentElement.dataset.themeSetting = theme;
}

function apply(settings: Settings): void {
  applyTheme(settings);
  if (applied?.level !== settings.level) useBench.getState().setLevel(settings.level);
  if (applied?.telemetryHz !== settings.telemetryHz) {
    const telemetry = useTelemetry.getState();
    // A running stream moves to the new rate; otherwise the next start uses it.
    if (telemetry.status?.running) void telemetry.start(settings.telemetryHz);
    else useTelemetry.setState({ hz: settings.telemetryHz });
  }
  applied = settings;
}

darkQuery?.addEventListener('change', () => applyTheme(applied));
useSettings.subscribe((state) => {
  if (state.view && state.view.values !== applied) apply(state.view.values);
});
void useSettings.getState().load();
