import { create } from 'zustand';
import type { Settings, SettingsView } from '../../../shared/schemas/settings';
import { api } from '../api/client';

interface SettingsState {
  view: SettingsView | null;
  error: string | null;
  saving: boolean;
  load: () => Promise<void>;
  save: (patch: Partial<Settings>) => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The settings as the engine resolved them (environment, file, defaults), loaded once at start-up. */
export const useSettings = create<SettingsState>((set, get) => ({
  view: null,
  error: null,
  saving: false,
  load: async () => {
    try {
      set({ view: await api().settings.get({}), error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  save: async (patch) => {
    // Shown at once (controls do not snap back while the engine writes); the engine's answer then replaces it.
    const view = get().view;
    const shown = Object.fromEntries(
      Object.entries(patch).filter(([key]) => view?.sources[key as keyof Settings].source !== 'env'),
    );
    set({ saving: true, ...(view ? { view: { ...view, values: { ...view.values, ...shown } } } : {}) });
    try {
      set({ view: await api().settings.set(patch), error: null, saving: false });
    } catch (error) {
      set({ error: message(error), saving: false });
    }
  },
}));
