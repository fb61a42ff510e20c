import { create } from 'zustand';
import type { Level, Run, RunComparison, RunSummary } from '../../../shared/schemas/bench';
import type { Progress } from '../../../shared/schemas/progress';
import { api } from '../api/client';

type Preset = 'quick' | 'standard' | 'full';

interface PresetInfo {
  id: Preset;
  title: string;
  description: string;
  benchmarks: number;
}

interface ActiveJob {
  jobId: string;
  startedAt: number;
  progress: Progress | null;
  resultsSoFar: number;
}

interface BenchState {
  presets: PresetInfo[];
  native: { available: boolean; reason: string } | null;
  level: Level;
  runs: RunSummary[];
  selected: Run | null;
  compareWith: number | null;
  comparison: RunComparison | null;
  active: ActiveJob | null;
  error: string | null;
  load: () => Promise<void>;
  setLevel: (level: Level) => void;
  start: (preset: Preset) => Promise<void>;
  /** Follow a job started elsewhere (e.g. the inference suite). */
  attach: (jobId: string) => void;
  cancel: () => Promise<void>;
  select: (runId: number) => Promise<void>;
  compare: (baseRunId: number | null) => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let subscribed = false;

export const useBench = create<BenchState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    api().events['job.progress']((progress) => {
      const active = get().active;
      if (!active || progress.jobId !== active.jobId) return;
      set({ active: { ...active, progress } });
      if (progress.kind !== 'step') void finish(active.jobId);
    });
    api().events['bench.result']((event) => {
      const active = get().active;
      if (active && event.jobId === active.jobId) set({ active: { ...active, resultsSoFar: active.resultsSoFar + 1 } });
    });
  };

  const finish = async (jobId: string) => {
    const jobs = await api().bench.jobs({});
    const job = jobs.find((j) => j.id === jobId);
    set({ active: null, error: job?.status === 'failed' ? job.error : null });
    await get().load();
    if (job?.resultRef) await get().select(job.resultRef);
  };

  return {
    presets: [],
    native: null,
    level: 'basic',
    runs: [],
    selected: null,
    compareWith: null,
    comparison: null,
    active: null,
    error: null,
    load: async () => {
      subscribe();
      try {
        const [{ presets, native }, runs, jobs] = await Promise.all([
          api().bench.presets({}),
          api().bench.runs({ limit: 50 }),
          api().bench.jobs({}),
        ]);
        const running = jobs.find((job) => job.status === 'running' || job.status === 'queued');
        set({
          presets,
          native,
          runs,
          active:
            get().active ??
            (running ? { jobId: running.id, startedAt: Date.now(), progress: null, resultsSoFar: 0 } : null),
        });
        if (!get().selected) {
          const latest = runs.find((run) => run.status === 'completed' || run.benchmarks > 0);
          if (latest) await get().select(latest.id);
        }
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setLevel: (level) => set({ level }),
    start: async (preset) => {
      subscribe();
      try {
        const { jobId } = await api().bench.start({ suite: 'cpu', preset, level: get().level });
        set({ active: { jobId, startedAt: Date.now(), progress: null, resultsSoFar: 0 }, error: null });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    attach: (jobId) => {
      subscribe();
      set({ active: { jobId, startedAt: Date.now(), progress: null, resultsSoFar: 0 }, error: null });
    },
    cancel: async () => {
      const active = get().active;
      if (active) await api().bench.cancel({ jobId: active.jobId });
    },
    select: async (runId) => {
      try {
        set({ selected: await api().bench.run({ id: runId }), comparison: null, compareWith: null });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    compare: async (baseRunId) => {
      const selected = get().selected;
      if (!selected || baseRunId === null) {
        set({ comparison: null, compareWith: null });
        return;
      }
      try {
        set({
          compareWith: baseRunId,
          comparison: await api().bench.compare({ baseRunId, headRunId: selected.id }),
        });
      } catch (error) {
        set({ error: message(error) });
      }
    },
  };
});
