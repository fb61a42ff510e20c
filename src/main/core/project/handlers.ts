import type { ApiHandlers } from '../../../shared/contract';
import type { BenchmarkResult } from '../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { ProjectProfile } from '../../../shared/schemas/project';
import { planFor } from '../bench/sampling';
import { summarize } from '../bench/stats/summary';
import { runSuite } from '../bench/suite-runner';
import { builtWorkerPath } from '../bench/worker-path';
import type { EngineEvents } from '../events';
import type { TelemetrySampler } from '../hardware/telemetry/sampler';
import type { JobQueue } from '../jobs/queue';
import type { WorkerLauncher } from '../jobs/worker-launcher';
import type { ProjectCommandRepository } from '../store/project-commands';
import type { RunRepository } from '../store/runs';
import { canonicalFolder, type TrustRepository } from '../store/trust';
import { measureArtifacts } from './artifacts';
import { projectBenchmarkSpecs, type ProjectMetric } from './bench-plan';
import { cleanableOutputs } from './clean-outputs';
import { buildImageSize, dockerEngine } from './docker';
import { changesSince } from './git';
import { profileProject } from './profile';
import type { ScanCache } from './scan';

export interface ProjectDeps {
  queue: JobQueue;
  events: EngineEvents;
  runs: RunRepository | null;
  trust: TrustRepository | null;
  commands: ProjectCommandRepository | null;
  launcher: WorkerLauncher;
  machine: () => Promise<HardwareProfile>;
  sampler: () => Promise<TelemetrySampler>;
  scanCache: (root: string) => Promise<ScanCache | undefined>;
  /** The user's max-workers setting, as the scan's concurrency; undefined keeps the scan's default. */
  scanConcurrency?: () => Promise<number | undefined>;
  storeError: string | null;
}

type ProjectHandlers = Pick<
  ApiHandlers,
  | 'project.scan'
  | 'project.get'
  | 'project.trust'
  | 'project.trustedFolders'
  | 'project.saveCommands'
  | 'project.bench'
  | 'project.history'
>;

export class NotTrustedError extends Error {
  constructor(readonly root: string) {
    super(
      `${root} is not trusted: running its build, test and bench commands needs your trust first (tunebench trust ${root}, or --trust)`,
    );
    this.name = 'NotTrustedError';
  }
}

/** One result per size: a single sample each, deterministic, so no CI is claimed. */
function sizeResults(
  profile: ProjectProfile,
  artifacts: ProjectProfile['artifacts'],
  plan: ReturnType<typeof planFor>,
): BenchmarkResult[] {
  const results: BenchmarkResult[] = [];
  const add = (id: string, title: string, bytes: number) =>
    results.push({
      id,
      title,
      params: { root: profile.root },
      unit: 'bytes',
      direction: 'lower-is-better',
      samples: [bytes],
      summary: summarize([bytes]),
      plan,
      stopReason: 'max-samples',
      warnings: [],
      extras: {},
    });
  for (const artifact of artifacts) {
    add(`size-${artifact.path}`, `size: ${artifact.path}`, artifact.bytes);
    if (artifact.gzipBytes !== null)
      add(`size-gzip-${artifact.path}`, `size (gzip): ${artifact.path}`, artifact.gzipBytes);
    if (artifact.brotliBytes !== null)
      add(`size-brotli-${artifact.path}`, `size (brotli): ${artifact.path}`, artifact.brotliBytes);
  }
  return results;
}

/** Image sizes of the project's Dockerfiles when a Docker engine answers; a note saying why not otherwise. */
async function imageSizes(
  profile: ProjectProfile,
  plan: ReturnType<typeof planFor>,
  warn: (warning: string) => void,
): Promise<BenchmarkResult[]> {
  const dockerfiles = profile.stacks.filter((stack) => stack.id === 'docker');
  if (dockerfiles.length === 0) return [];
  const engine = await dockerEngine();
  if (engine.status !== 'present') {
    warn(`container image size not measured: ${engine.reason}`);
    return [];
  }
  const results: BenchmarkResult[] = [];
  for (const stack of dockerfiles) {
    const file = stack.facts[0]?.evidence.file;
    if (!file) continue;
    const tag = `tunebench-${profile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}:${(profile.git.head ?? 'worktree').slice(0, 12)}`;
    try {
      const bytes = await buildImageSize({
        dockerfile: `${profile.root}/${file}`,
        context: `${profile.root}/${stack.dir}`,
        tag,
      });
      results.push({
        id: `image-size-${file}`,
        title: `image size: ${file}`,
        params: { root: profile.root, tag },
        unit: 'bytes',
        direction: 'lower-is-better',
        samples: [bytes],
        summary: summarize([bytes]),
        plan,
        stopReason: 'max-samples',
        warnings: [],
        extras: { tag },
      });
    } catch (error) {
      warn(`image size of ${file} not measured: ${(error as Error).message}`);
    }
  }
  return results;
}

export function projectHandlers(deps: ProjectDeps): ProjectHandlers {
  const profiles = new Map<string, ProjectProfile>();
  const requireRuns = () => {
    if (!deps.runs) throw new Error(`the local database is unavailable: ${deps.storeError}`);
    return deps.runs;
  };
  const scan = async (root: string, signal?: AbortSignal, onProgress?: (files: number) => void) => {
    const profile = await profileProject(root, {
      trust: deps.trust,
      commands: deps.commands,
      cache: await deps.scanCache(canonicalFolder(root)),
      concurrency: await deps.scanConcurrency?.(),
      signal,
      onProgress,
    });
    profiles.set(profile.root, profile);
    return profile;
  };

  return {
    'project.scan': async ({ root }) => {
      const jobId = deps.queue.submit(`Scan ${root}`, async ({ jobId: id, signal, progress }) => {
        const profile = await scan(root, signal, (files) =>
          progress({ kind: 'step', jobId: id, value: 0, title: `Scanning ${root}`, description: `${files} files` }),
        );
        progress({ kind: 'done', jobId: id, title: `Scanned ${profile.scan.files} files` });
        deps.events.emit('project.scanned', { jobId: id, profile });
        return null;
      });
      return { jobId };
    },
    'project.get': async ({ root }) => profiles.get(canonicalFolder(root)) ?? null,
    'project.trust': async ({ root, trusted }) => {
      if (!deps.trust) throw new Error(`the local database is unavailable: ${deps.storeError}`);
      const folder = canonicalFolder(root);
      if (trusted) deps.trust.trust(folder);
      else deps.trust.revoke(folder);
      const cached = profiles.get(folder);
      if (cached) profiles.set(folder, { ...cached, trusted: deps.trust.isTrusted(folder) });
      return { root: folder, trusted: deps.trust.isTrusted(folder) };
    },
    'project.trustedFolders': async () => deps.trust?.list() ?? [],
    'project.saveCommands': async ({ root, commands }) => {
      if (!deps.commands) throw new Error(`the local database is unavailable: ${deps.storeError}`);
      const folder = canonicalFolder(root);
      deps.commands.save(folder, commands);
      const cached = profiles.get(folder);
      const merged = deps.commands.get(folder);
      if (cached) profiles.set(folder, { ...cached, commands: merged });
      return merged;
    },
    'project.bench': async ({ root, only }) => {
      const folder = canonicalFolder(root);
      if (!deps.trust?.isTrusted(folder)) throw new NotTrustedError(folder);
      const [machine, sampler] = await Promise.all([deps.machine(), deps.sampler()]);
      const jobId = deps.queue.submit(`Project benchmark: ${folder}`, async ({ jobId: id, signal, progress }) => {
        const profile = await scan(folder, signal);
        const plan = planFor('basic', { warmupRuns: 1, minSamples: 6, maxSamples: 10, budgetMs: 5 * 60_000 });
        const specs = projectBenchmarkSpecs(profile, only as ProjectMetric[], await cleanableOutputs(profile));
        if (specs.length === 0 && !only.includes('size')) {
          throw new Error(
            `no ${only.join('/')} command found for ${folder}: add one on the Project page or with the CLI`,
          );
        }
        const run = await runSuite(
          {
            jobId: id,
            kind: 'project',
            name: `${profile.name}${profile.git.head ? ` @ ${profile.git.head.slice(0, 8)}` : ''}`,
            preset: only.join(','),
            level: 'basic',
            options: {
              root: folder,
              commit: profile.git.head,
              branch: profile.git.branch,
              dirty: profile.git.dirtyFiles.length > 0,
            },
            specs,
            plan,
            fingerprint: machine.fingerprint,
          },
          {
            launcher: deps.launcher,
            workerPath: builtWorkerPath('bench-worker'),
            runs: deps.runs,
            sampler,
            signal,
            // "done" is announced after the sizes below are stored, so clients refresh once, complete.
            onProgress: (p) => (p.kind === 'done' ? undefined : progress(p)),
          },
        );
        if (only.includes('size') && run.status !== 'cancelled') {
          const artifacts = await measureArtifacts(
            folder,
            profile.stacks,
            new Map(profile.artifacts.filter((a) => a.kind === 'model').map((a) => [a.path, a.bytes])),
          );
          for (const result of sizeResults(profile, artifacts, plan)) {
            if (run.id > 0) deps.runs?.addResult(run.id, result);
            deps.events.emit('bench.result', { jobId: id, result });
          }
          for (const result of await imageSizes(
            profile,
            plan,
            (warning) => run.id > 0 && deps.runs?.addWarning(run.id, warning),
          )) {
            if (run.id > 0) deps.runs?.addResult(run.id, result);
            deps.events.emit('bench.result', { jobId: id, result });
          }
        }
        if (run.status === 'completed') progress({ kind: 'done', jobId: id, title: `${profile.name}: measured` });
        return run.id > 0 ? run.id : null;
      });
      return { jobId };
    },
    'project.history': async ({ root }) => {
      const folder = canonicalFolder(root);
      const runs = requireRuns();
      const mine = runs.idsWithOption('project', 'root', folder, 200).map((id) => runs.get(id)!);
      const history = mine.map((run) => ({
        runId: run.id,
        startedAt: run.startedAt,
        commit: (run.settings.options.commit as string | null) ?? null,
        dirty: Boolean(run.settings.options.dirty),
        status: run.status,
        metrics: run.results.map((r) => ({
          id: r.id,
          title: r.title,
          unit: r.unit,
          median: r.summary.median,
          n: r.summary.n,
        })),
      }));
      const lastCommit = history.find((run) => run.commit)?.commit ?? null;
      const changes = lastCommit ? await changesSince(folder, lastCommit) : null;
      return { runs: history, changesSinceLast: lastCommit && changes ? { commit: lastCommit, ...changes } : null };
    },
  };
}
