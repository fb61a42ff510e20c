import { create } from 'zustand';
import type { Progress } from '../../../shared/schemas/progress';
import type { AppliedChange, FindingsReport, RuleStack } from '../../../shared/schemas/tune';
import { api } from '../api/client';
import { useProject } from './project';
import { useSettings } from './settings';
import { allowedRisks, levelInForce, riskAllowed, type RiskFilter } from './tune-rules';

export type DiffState =
  { status: 'loading' } | { status: 'ready'; diff: string; files: string[] } | { status: 'error'; error: string };

export interface VerifyJob {
  jobId: string;
  root: string;
  findingId: string;
  startedAt: number;
  progress: Progress | null;
}

export type CheckStepId = 'scan' | 'bench' | 'rank';
export type CheckStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface CheckStep {
  id: CheckStepId;
  title: string;
  status: CheckStatus;
  message: string;
}

interface TuneState {
  report: FindingsReport | null;
  /** The root the report was asked for (the report's own root is the canonical folder). */
  reportFor: string | null;
  loading: boolean;
  error: string | null;
  /** Shared with the Overview, which links to a finding. */
  selectedId: string | null;
  stack: RuleStack | 'all';
  /** Starts at 'level': the risks the level in Settings suggests (the page says which, and what is hidden). */
  risk: RiskFilter;
  diffs: Record<string, DiffState>;
  verifying: VerifyJob | null;
  verifyError: { findingId: string; message: string } | null;
  /** The change the last verification produced, kept here until the next one. */
  result: AppliedChange | null;
  changes: AppliedChange[];
  deciding: boolean;
  /** Why the last keep or discard was refused. */
  decisionError: string | null;
  check: { running: boolean; steps: CheckStep[] } | null;
  load: (root: string) => Promise<void>;
  select: (findingId: string | null) => void;
  setStack: (stack: RuleStack | 'all') => void;
  setRisk: (risk: RiskFilter) => void;
  loadDiff: (root: string, findingId: string) => Promise<void>;
  loadChanges: (root: string) => Promise<void>;
  verify: (root: string, findingId: string) => Promise<void>;
  cancelVerify: () => Promise<void>;
  keep: (changeId: number, merge: boolean) => Promise<void>;
  discard: (changeId: number) => Promise<void>;
  fullCheck: () => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The newest change recorded for a finding, from the last verification and the stored history. */
export function latestChangeFor(
  findingId: string,
  result: AppliedChange | null,
  changes: readonly AppliedChange[],
): AppliedChange | null {
  let latest: AppliedChange | null = null;
  for (const change of result ? [result, ...changes] : changes) {
    if (change.findingId !== findingId) continue;
    if (!latest || change.id > latest.id || (change.id === latest.id && change.updatedAt > latest.updatedAt)) {
      latest = change;
    }
  }
  return latest;
}

const BASELINE_ONLY: Array<'build' | 'test' | 'bench' | 'size'> = ['build', 'test', 'bench', 'size'];

function initialSteps(): CheckStep[] {
  return [
    { id: 'scan', title: 'Scan the project', status: 'pending', message: 'reads files, runs nothing' },
    {
      id: 'bench',
      title: 'Measure a baseline',
      status: 'pending',
      message: 'build, tests, benchmarks and sizes (trusted folders only)',
    },
    { id: 'rank', title: 'Rank findings', status: 'pending', message: 'rules, expected gain and tuning score' },
  ];
}

/** Resolves once the project store satisfies the predicate (now or later). */
function whenProject(predicate: (state: ReturnType<typeof useProject.getState>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(useProject.getState())) {
      resolve();
      return;
    }
    const unsubscribe = useProject.subscribe((state) => {
      if (!predicate(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

let subscribed = false;

export const useTune = create<TuneState>((set, get) => {
  const subscribe = () => {
    if (subscribed) return;
    subscribed = true;
    api().events['job.progress']((progress) => {
      const job = get().verifying;
      if (!job || job.jobId !== progress.jobId) return;
      if (progress.kind === 'step') set({ verifying: { ...job, progress } });
      else void finishVerify(job, progress);
    });
  };

  const finishVerify = async (job: VerifyJob, progress: Progress) => {
    let change: AppliedChange | null = null;
    let changes = get().changes;
    try {
      const info = (await api().bench.jobs({})).find((entry) => entry.id === job.jobId);
      if (info?.resultRef) change = await api().tune.change({ changeId: info.resultRef });
      changes = await api().tune.changes({ root: job.root });
      // A failed job may have recorded no change: an older one of the same finding is not its result.
      if (progress.kind === 'done') change ??= latestChangeFor(job.findingId, null, changes);
    } catch (error) {
      set({ verifyError: { findingId: job.findingId, message: message(error) } });
    }
    set({
      verifying: null,
      result: change ?? get().result,
      changes,
      verifyError:
        progress.kind === 'failed' ? { findingId: job.findingId, message: progress.error } : get().verifyError,
    });
  };

  /** Re-follows a verification that was running before the page (or the app) was reloaded. */
  const reattach = async (root: string) => {
    if (get().verifying) return;
    try {
      const jobs = await api().bench.jobs({});
      const running = jobs.find(
        (job) =>
          (job.status === 'running' || job.status === 'queued') &&
          job.title.startsWith('Verify ') &&
          job.title.endsWith(` in ${root}`),
      );
      const findingId = running ? /^Verify (\S+) in /.exec(running.title)?.[1] : undefined;
      if (running && findingId && !get().verifying) {
        set({
          verifying: {
            jobId: running.id,
            root,
            findingId,
            startedAt: Date.now(),
            progress: (running.progress as Progress | null) ?? null,
          },
        });
      }
    } catch {
      // Nothing to re-follow: the page still works without it.
    }
  };

  const decide = async (action: () => Promise<AppliedChange>) => {
    set({ deciding: true, decisionError: null });
    try {
      const change = await action();
      set({ result: change, deciding: false });
      await get().loadChanges(change.root);
      // Brought into the current branch: the finding is fixed there, so the list changes.
      if (change.merged && !change.merged.startsWith('not merged')) await get().load(get().reportFor ?? change.root);
    } catch (error) {
      set({ deciding: false, decisionError: message(error) });
    }
  };

  return {
    report: null,
    reportFor: null,
    loading: false,
    error: null,
    selectedId: null,
    stack: 'all',
    risk: 'level',
    diffs: {},
    verifying: null,
    verifyError: null,
    result: null,
    changes: [],
    deciding: false,
    decisionError: null,
    check: null,
    load: async (root) => {
      subscribe();
      set({ loading: true, error: null, reportFor: root });
      try {
        const report = await api().tune.findings({ root });
        if (get().reportFor !== root) return;
        const selectedId = get().selectedId;
        // The first finding the risk filter shows, so the detail never opens on one the list hides.
        const allowed = allowedRisks(get().risk, levelInForce(useSettings.getState().view));
        const first = report.findings.find((f) => riskAllowed(f.rule.risk, allowed));
        set({
          report,
          loading: false,
          diffs: {},
          // A finding fixed by a kept change stays selected, so its verdict stays in view.
          selectedId:
            selectedId && (report.findings.some((f) => f.id === selectedId) || get().result?.findingId === selectedId)
              ? selectedId
              : (first?.id ?? selectedId),
        });
        void get().loadChanges(root);
        void reattach(root);
      } catch (error) {
        if (get().reportFor === root) set({ loading: false, error: message(error) });
      }
    },
    select: (findingId) => set({ selectedId: findingId }),
    setStack: (stack) => set({ stack }),
    setRisk: (risk) => set({ risk }),
    loadDiff: async (root, findingId) => {
      const current = get().diffs[findingId];
      if (current && current.status !== 'error') return;
      set({ diffs: { ...get().diffs, [findingId]: { status: 'loading' } } });
      let next: DiffState;
      try {
        const { diff, files } = await api().tune.diff({ root, findingId });
        next = { status: 'ready', diff, files };
      } catch (error) {
        next = { status: 'error', error: message(error) };
      }
      set({ diffs: { ...get().diffs, [findingId]: next } });
    },
    loadChanges: async (root) => {
      try {
        set({ changes: await api().tune.changes({ root }) });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    verify: async (root, findingId) => {
      subscribe();
      if (get().verifying) return;
      set({ verifyError: null });
      try {
        const { jobId } = await api().tune.verify({ root, findingId });
        set({ verifying: { jobId, root, findingId, startedAt: Date.now(), progress: null } });
      } catch (error) {
        set({ verifyError: { findingId, message: message(error) } });
      }
    },
    cancelVerify: async () => {
      const job = get().verifying;
      if (!job) return;
      try {
        await api().bench.cancel({ jobId: job.jobId });
      } catch (error) {
        set({ verifyError: { findingId: job.findingId, message: message(error) } });
      }
    },
    keep: (changeId, merge) => decide(() => api().tune.keep({ changeId, merge })),
    discard: (changeId) => decide(() => api().tune.discard({ changeId })),
    fullCheck: async () => {
      if (get().check?.running) return;
      const steps = initialSteps();
      set({ check: { running: true, steps } });
      const update = (id: CheckStepId, status: CheckStatus, text: string) => {
        const check = get().check;
        if (!check) return;
        set({
          check: {
            ...check,
            steps: check.steps.map((step) => (step.id === id ? { ...step, status, message: text } : step)),
          },
        });
      };
      const end = () => {
        const check = get().check;
        if (check) set({ check: { ...check, running: false } });
      };

      // 1. Scan (through the project store, so the Project page shows the same profile).
      const project = useProject.getState();
      const root = project.root.trim() || project.profile?.root || '';
      if (!root) {
        update('scan', 'failed', 'No project folder: open one on the Project page first.');
        update('bench', 'skipped', 'not run');
        update('rank', 'skipped', 'not run');
        end();
        return;
      }
      update('scan', 'running', `Reading ${root}`);
      await whenProject((state) => state.scanning === null && state.benching === null);
      await useProject.getState().scan();
      await whenProject((state) => state.scanning === null);
      const scanned = useProject.getState();
      if (scanned.error || !scanned.profile) {
        update('scan', 'failed', scanned.error ?? 'the scan produced no profile');
        update('bench', 'skipped', 'not run: the scan failed');
        update('rank', 'skipped', 'not run: the scan failed');
        end();
        return;
      }
      const profile = scanned.profile;
      update(
        'scan',
        'done',
        `${profile.scan.files.toLocaleString()} files · ${profile.stacks.map((s) => s.name).join(', ') || 'no stack recognised'}`,
      );

      // 2. Baseline, only with the user's trust: it runs the project's own commands.
      if (!profile.trusted) {
        update(
          'bench',
          'skipped',
          'Skipped: the folder is not trusted, so none of its commands run. Trust it on the Project page to measure.',
        );
      } else {
        update('bench', 'running', 'Running build, tests, benchmarks and sizes');
        await useProject.getState().bench(BASELINE_ONLY);
        await whenProject((state) => state.benching === null);
        const after = useProject.getState();
        if (after.error) update('bench', 'failed', after.error);
        else {
          try {
            const history = await api().project.history({ root: profile.root });
            const run = history.runs[0];
            update(
              'bench',
              'done',
              run ? `Run #${run.runId}: ${run.metrics.length} metrics, ${run.status}` : 'Measured (no run recorded)',
            );
          } catch {
            update('bench', 'done', 'Measured');
          }
        }
      }

      // 3. Rank.
      update('rank', 'running', 'Running the rules');
      await get().load(profile.root);
      const { report, error } = get();
      if (error || !report) update('rank', 'failed', error ?? 'no report');
      else {
        update(
          'rank',
          'done',
          `${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'} · tuning score ${report.score.score}/100`,
        );
      }
      end();
    },
  };
});
