import { create } from 'zustand';
import type { TelemetrySample, TelemetryStatus } from '../../../shared/schemas/telemetry';
import { api } from '../api/client';
import { appendSamples, windowSize } from './telemetry-window';

const WINDOW_SECONDS = 120;

interface TelemetryState {
  samples: TelemetrySample[];
  status: TelemetryStatus | null;
  hz: number;
  error: string | null;
  start: (hz?: number) => Promise<void>;
  stop: () => Promise<void>;
}

let unsubscribe: (() => void) | null = null;
let pending: TelemetrySample[] = [];
let frame: number | null = null;

export const useTelemetry = create<TelemetryState>((set, get) => {
  // Samples are applied at most once per animation frame, so a 10 Hz stream never re-renders
  // the charts more often than the screen can show.
  const flush = () => {
    frame = null;
    const incoming = pending;
    pending = [];
    set((state) => ({ samples: appendSamples(state.samples, incoming, windowSize(state.hz, WINDOW_SECONDS)) }));
  };
  return {
    samples: [],
    status: null,
    hz: 2,
    error: null,
    start: async (hz = get().hz) => {
      try {
        unsubscribe ??= api().events['telemetry.sample']((sample) => {
          pending.push(sample);
          frame ??= requestAnimationFrame(flush);
        });
        if (get().samples.length === 0) {
          set({ samples: await api().telemetry.recent({ limit: windowSize(hz, WINDOW_SECONDS) }) });
        }
        set({ status: await api().telemetry.start({ hz }), hz, error: null });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    stop: async () => {
      unsubscribe?.();
      unsubscribe = null;
      try {
        set({ status: await api().telemetry.stop({}) });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
});
