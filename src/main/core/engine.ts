import type { ApiHandlers } from '../../shared/contract';
import type { AppInfo } from '../../shared/schemas/app';
import type { HardwareProfile } from '../../shared/schemas/hardware';
import { benchHandlers } from './bench/handlers';
import { reportHandlers } from './report/handlers';
import type { PdfPrinter } from './report/render';
import { EngineEvents } from './events';
import { collectHardwareProfile, defaultCollectors, type ProfileCollectors } from './hardware/profile';
import { CpuMemorySource } from './hardware/telemetry/cpu-source';
import { GpuTelemetryStream } from './hardware/telemetry/gpu-stream';
import { NpuBusySource } from './hardware/telemetry/npu-source';
import { TelemetrySampler } from './hardware/telemetry/sampler';
import { nodeWorkerLauncher } from './jobs/node-launcher';
import { JobQueue } from './jobs/queue';
import type { WorkerLauncher } from './jobs/worker-launcher';
import { openStore, type StoreHandle } from './store/database';
import { HardwareSnapshotRepository } from './store/hardware-snapshots';
import { ProjectCommandRepository } from './store/project-commands';
import { RunRepository } from './store/runs';
import { TrustRepository } from './store/trust';
import { TuneChangeRepository } from './store/tune-changes';
import { TuneJournalRepository } from './store/tune-journal';
import { TuneOutcomeRepository } from './store/tune-outcomes';
import { profileProject } from './project/profile';
import { tuneHandlers } from './tune/handlers';
import { TuneService } from './tune/service';
import { inferenceObservations } from './tune/inference-observations';
import { projectHandlers } from './project/handlers';
import { diagnosticsHandlers } from './diagnostics/handlers';
import { historyHandlers } from './history/handlers';
import { settingsHandlers } from './settings/handlers';
import { SettingsService } from './settings/service';
import { RunHistoryRepository } from './store/run-history';
import { errorMessage } from './util/timebox';
import { version } from './version';

export interface EngineOptions {
  dataDir: string;
  shell: AppInfo['shell'];
  collectors?: ProfileCollectors;
  /** Builds the sampler once the profile says which devices exist. */
  createSampler?: (profile: HardwareProfile) => TelemetrySampler;
  /** utilityProcess under Electron; child_process.fork otherwise. */
  launcher?: WorkerLauncher;
  /** Electron's printToPDF in the app; a local Chromium otherwise. */
  printPdf?: PdfPrinter;
}

export interface Engine {
  handlers: ApiHandlers;
  events: EngineEvents;
  queue: JobQueue;
  store: StoreHandle | null;
  storeError: string | null;
  close(): Promise<void>;
}

/** The sampler only starts an nvidia-smi stream or reads NPU counters for devices the profile found. */
export function samplerForProfile(profile: HardwareProfile): TelemetrySampler {
  const notes: string[] = [];
  const gpu = profile.gpus.length > 0 ? new GpuTelemetryStream() : undefined;
  if (!gpu) notes.push(`GPU: ${profile.nvidia.reason || 'no NVIDIA GPU'}`);
  const accelNodes = profile.npu.accel.devices.filter((device) => device.busyTimeUs !== null).map((d) => d.node);
  const npu = accelNodes.length > 0 ? new NpuBusySource(accelNodes) : undefined;
  if (!npu) {
    notes.push(
      profile.npu.status === 'present'
        ? 'NPU: busy time is not exposed by this driver (npu_busy_time_us missing)'
        : `NPU: ${profile.npu.reason}`,
    );
  }
  return new TelemetrySampler({ cpuMemory: new CpuMemorySource(), gpu, npu, staticNotes: notes });
}

/**
 * The engine behind every face: Electron IPC, `tunebench serve` and the CLI call these same
 * handlers. It knows nothing of Electron or React.
 */
export function createEngine(options: EngineOptions): Engine {
  const events = new EngineEvents();
  let store: StoreHandle | null = null;
  let storeError: string | null = null;
  try {
    store = openStore(options.dataDir);
  } catch (error) {
    // The app still starts: hardware and telemetry work without the store.
    storeError = errorMessage(error);
  }
  const snapshots = store ? new HardwareSnapshotRepository(store.db) : null;
  const runs = store ? new RunRepository(store.db) : null;
  const trust = store ? new TrustRepository(store.db) : null;
  const projectCommands = store ? new ProjectCommandRepository(store.db) : null;
  const queue = new JobQueue((progress) => events.emit('job.progress', progress));
  // Desktop experience: settings (file + TUNEBENCH_* env; the scan cache follows their mode), history, diagnostics.
  const settings = new SettingsService({ dataDir: options.dataDir });
  for (const warning of settings.startupWarnings()) process.stderr.write(`warning: ${warning}\n`);
  // One scan cache per project root, in memory, on disk (<dataDir>/scan-cache) or both.
  const scanCache = (root: string) => settings.openScanCache(root);
  // Max parallel workers, once the user set it (file or TUNEBENCH_MAX_WORKERS), is how many files a
  // scan inspects at once; unset, the scan keeps its own default. Re-read per scan: the CLI may have changed it.
  const scanConcurrency = async (): Promise<number | undefined> => {
    const view = await settings.view();
    return view.sources.maxWorkers.source === 'default' ? undefined : view.values.maxWorkers;
  };
  const desktopHandlers = {
    ...settingsHandlers(settings),
    ...historyHandlers({ history: store ? new RunHistoryRepository(store.db) : null, storeError }),
    ...diagnosticsHandlers({ monitorFromStart: options.shell !== 'cli' }).handlers,
  };
  const tune = store
    ? new TuneService({
        changes: new TuneChangeRepository(store.db),
        journal: new TuneJournalRepository(store.db),
        outcomes: new TuneOutcomeRepository(store.db),
        dataDir: options.dataDir,
        profile: async (root) =>
          profileProject(root, {
            trust,
            commands: projectCommands,
            cache: await scanCache(root),
            concurrency: await scanConcurrency(),
          }),
        hardware: () => profile(false),
        inference: (root) => inferenceObservations(runs, root),
      })
    : null;
  // Whatever an interrupted verification left behind is cleaned up first thing.
  tune?.recover().catch((error: unknown) => process.stderr.write(`tuning recovery failed: ${errorMessage(error)}\n`));
  const collectors = options.collectors ?? defaultCollectors;
  let cachedProfile: Promise<HardwareProfile> | null = null;
  let sampler: TelemetrySampler | null = null;
  let unsubscribeSampler: (() => void) | null = null;

  const profile = async (refresh: boolean): Promise<HardwareProfile> => {
    if (!cachedProfile || refresh) {
      cachedProfile = collectHardwareProfile(collectors).then((collected) => {
        snapshots?.save(collected);
        return collected;
      });
      cachedProfile.catch(() => {
        cachedProfile = null;
      });
    }
    return cachedProfile;
  };

  const getSampler = async (): Promise<TelemetrySampler> => {
    if (!sampler) {
      const current = await profile(false);
      sampler = (options.createSampler ?? samplerForProfile)(current);
      unsubscribeSampler = sampler.onSample((sample) => events.emit('telemetry.sample', sample));
    }
    return sampler;
  };

  const handlers: ApiHandlers = {
    'app.info': async () => ({
      version,
      shell: options.shell,
      dataDir: options.dataDir,
      store: store
        ? { ok: true, path: store.path, message: store.message }
        : { ok: false, path: options.dataDir, message: storeError },
    }),
    'hardware.profile': async ({ refresh }) => profile(refresh),
    'hardware.snapshots': async ({ limit }) => {
      if (!snapshots) throw new Error(`the local database is unavailable: ${storeError}`);
      return snapshots.list(limit);
    },
    'telemetry.start': async ({ hz }) => (await getSampler()).start(hz),
    'telemetry.stop': async () => (sampler ? sampler.stop() : (await getSampler()).status()),
    'telemetry.recent': async ({ limit }) => (sampler ? sampler.recent(limit) : []),
    // Loaded on demand: the built-in models' catalog is only needed when the inference card asks.
    'bench.inferenceModels': async () =>
      (await import('./inference/model-list')).inferenceModelList(await profile(false)),
    ...benchHandlers({
      queue,
      events,
      runs,
      launcher: options.launcher ?? nodeWorkerLauncher,
      profile: () => profile(false),
      sampler: getSampler,
      storeError,
      dataDir: options.dataDir,
    }),
    ...reportHandlers({ runs, profile: () => profile(false), storeError, printPdf: options.printPdf, tune }),
    ...projectHandlers({
      queue,
      events,
      runs,
      trust,
      commands: projectCommands,
      launcher: options.launcher ?? nodeWorkerLauncher,
      machine: () => profile(false),
      sampler: getSampler,
      // One JSON cache file per project root; a corrupt one is ignored and rewritten.
      scanCache,
      scanConcurrency,
      storeError,
    }),
    ...tuneHandlers({
      service: tune,
      queue,
      events,
      runs,
      trust,
      launcher: options.launcher ?? nodeWorkerLauncher,
      machine: () => profile(false),
      sampler: getSampler,
      storeError,
    }),
    ...desktopHandlers,
  };

  return {
    handlers,
    events,
    queue,
    get store() {
      return store;
    },
    storeError,
    async close() {
      await queue.shutdown();
      unsubscribeSampler?.();
      await sampler?.stop();
      store?.db.close();
    },
  };
}
