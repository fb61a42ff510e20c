import type { ApiHandlers } from '../../../shared/contract';
import type { SettingsService } from './service';

type SettingsHandlers = Pick<ApiHandlers, 'settings.get' | 'settings.set' | 'settings.clearScanCache'>;

export function settingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings.get': async () => settings.view(),
    'settings.set': async (patch) => settings.set(patch),
    'settings.clearScanCache': async () => settings.clearScanCache(),
  };
}
