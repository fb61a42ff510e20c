import { create } from 'zustand';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { api } from '../api/client';

interface HardwareState {
  profile: HardwareProfile | null;
  loading: boolean;
  error: string | null;
  load: (refresh?: boolean) => Promise<void>;
}

export const useHardware = create<HardwareState>((set, get) => ({
  profile: null,
  loading: false,
  error: null,
  load: async (refresh = false) => {
    if (get().loading) return;
    set({ loading: true, error: null });
    try {
      set({ profile: await api().hardware.profile({ refresh }), loading: false });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error), loading: false });
    }
  },
}));
