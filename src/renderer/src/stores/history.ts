import { create } from 'zustand';
import type { RunComparison } from '../../../shared/schemas/bench';
import type { HistoryMetric, HistoryRun, HistorySeries } from '../../../shared/schemas/history';
import { api } from '../api/client';
import { metricKey, metricRef } from './history-rules';

interface HistoryState {
  metrics: HistoryMetric[];
  runs: HistoryRun[];
  selectedKey: string | null;
  series: HistorySeries | null;
  loadingSeries: boolean;
  baseRunId: number | null;
  headRunId: number | null;
  comparison: RunComparison | null;
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  selectMetric: (key: string) => Promise<void>;
  pick: (role: 'base' | 'head', runId: number) => Promise<void>;
}

/** The run list loads the newest this many (the API allows more; the page needs no more to pick from). */
export const RUN_LIST_LIMIT = 5000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const useHistory = create<HistoryState>((set, get) => {
  const compare = async () => {
    const { baseRunId, headRunId } = get();
    if (baseRunId === null || headRunId === null || baseRunId === headRunId) {
      set({ comparison: null });
      return;
    }
    try {
      set({ comparison: await api().bench.compare({ baseRunId, headRunId }), error: null });
    } catch (error) {
      set({ comparison: null, error: message(error) });
    }
  };

  return {
    metrics: [],
    runs: [],
    selectedKey: null,
    series: null,
    loadingSeries: false,
    baseRunId: null,
    headRunId: null,
    comparison: null,
    loaded: false,
    error: null,
    load: async () => {
      try {
        const [metrics, runs] = await Promise.all([
          api().history.metrics({}),
          api().history.runs({ limit: RUN_LIST_LIMIT }),
        ]);
        set({ metrics, runs, loaded: true, error: null });
        const { selectedKey, baseRunId, headRunId } = get();
        const first = metrics[0];
        if (first && (selectedKey === null || !metrics.some((m) => metricKey(metricRef(m)) === selectedKey))) {
          await get().selectMetric(metricKey(metricRef(first)));
        }
        // Start with the two newest runs that have results: the usual "did the last change help?".
        const measured = runs.filter((run) => run.benchmarks > 0);
        if (baseRunId === null && headRunId === null && measured.length >= 2) {
          set({ headRunId: measured[0]!.id, baseRunId: measured[1]!.id });
          await compare();
        }
      } catch (error) {
        set({ loaded: true, error: message(error) });
      }
    },
    selectMetric: async (key) => {
      const metric = get().metrics.find((m) => metricKey(metricRef(m)) === key);
      if (!metric) return;
      set({ selectedKey: key, loadingSeries: true });
      try {
        const series = await api().history.series(metricRef(metric));
        if (get().selectedKey === key) set({ series, loadingSeries: false, error: null });
      } catch (error) {
        set({ series: null, loadingSeries: false, error: message(error) });
      }
    },
    pick: async (role, runId) => {
      set(role === 'base' ? { baseRunId: runId } : { headRunId: runId });
      await compare();
    },
  };
});
