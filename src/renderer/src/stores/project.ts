import { create } from 'zustand';
import type { ApiClient } from '../../../shared/contract';
import type { ProjectCommand, ProjectProfile } from '../../../shared/schemas/project';
import type { Progress } from '../../../shared/schemas/progress';
import { api } from '../api/client';

type History = Awaited<ReturnType<ApiClient['project']['history']>>;

interface ProjectState {
  root: string;
  profile: ProjectProfile | null;
  history: History | null;
  scanning: { jobId: string; progress: Progress | null } | null;
  benching: { jobId: string; progress: Progress | null } | null;
  error: string | null;
  setRoot: (root: string) => void;
  scan: () => Promise<void>;
  setTrust: (trusted: boolean) => Promise<void>;
  saveCommands: (commands: ProjectCommand[]) => Promise<void>;
  bench: (only: Array<'build' | 'test' | 'bench' | 'size'>) => Promise<void>;
  cancel: () => Promise<void>;
}

const ROOT_KEY = 'tunebench.project.root';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let subscribed = false;

export const useProject = create<ProjectState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    api().events['job.progress']((progress) => {
      const { scanning, benching } = get();
      if (scanning?.jobId === progress.jobId) {
        if (progress.kind === 'failed') set({ scanning: null, error: progress.error });
        else set({ scanning: { ...scanning, progress } });
      }
      if (benching?.jobId === progress.jobId) {
        if (progress.kind === 'step') set({ benching: { ...benching, progress } });
        else {
          set({ benching: null, error: progress.kind === 'failed' ? progress.error : null });
          void refreshHistory();
          // The build just wrote fresh output: scan again (cached, so quick) to show its artifacts.
          if (progress.kind === 'done') void get().scan();
        }
      }
    });
    api().events['project.scanned']((event) => {
      if (get().scanning?.jobId !== event.jobId) return;
      set({ profile: event.profile, scanning: null, error: null });
      void refreshHistory();
    });
  };
  const refreshHistory = async () => {
    const root = get().profile?.root;
    if (!root) return;
    try {
      set({ history: await api().project.history({ root }) });
    } catch (error) {
      set({ error: message(error) });
    }
  };
  return {
    root: localStorage.getItem(ROOT_KEY) ?? '',
    profile: null,
    history: null,
    scanning: null,
    benching: null,
    error: null,
    setRoot: (root) => {
      localStorage.setItem(ROOT_KEY, root);
      set({ root });
    },
    scan: async () => {
      subscribe();
      const root = get().root.trim();
      if (!root) {
        set({ error: 'enter the path of a project folder' });
        return;
      }
      try {
        const { jobId } = await api().project.scan({ root });
        set({ scanning: { jobId, progress: null }, error: null });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setTrust: async (trusted) => {
      const profile = get().profile;
      if (!profile) return;
      try {
        const result = await api().project.trust({ root: profile.root, trusted });
        set({ profile: { ...profile, trusted: result.trusted } });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    saveCommands: async (commands) => {
      const profile = get().profile;
      if (!profile) return;
      try {
        await api().project.saveCommands({ root: profile.root, commands });
        const fresh = await api().project.get({ root: profile.root });
        if (fresh) set({ profile: fresh });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    bench: async (only) => {
      subscribe();
      const profile = get().profile;
      if (!profile) return;
      try {
        const { jobId } = await api().project.bench({ root: profile.root, only });
        set({ benching: { jobId, progress: null }, error: null });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    cancel: async () => {
      const job = get().benching ?? get().scanning;
      if (job) await api().bench.cancel({ jobId: job.jobId });
    },
  };
});
