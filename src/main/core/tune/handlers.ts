import type { ApiHandlers } from '../../../shared/contract';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { builtWorkerPath } from '../bench/worker-path';
import type { EngineEvents } from '../events';
import type { TelemetrySampler } from '../hardware/telemetry/sampler';
import type { JobQueue } from '../jobs/queue';
import type { WorkerLauncher } from '../jobs/worker-launcher';
import { NotTrustedError } from '../project/handlers';
import type { RunRepository } from '../store/runs';
import { canonicalFolder, type TrustRepository } from '../store/trust';
import { UnknownFindingError, type TuneService } from './service';

export interface TuneHandlerDeps {
  service: TuneService | null;
  queue: JobQueue;
  events: EngineEvents;
  runs: RunRepository | null;
  trust: TrustRepository | null;
  launcher: WorkerLauncher;
  machine: () => Promise<HardwareProfile>;
  sampler: () => Promise<TelemetrySampler>;
  storeError: string | null;
}

type TuneHandlers = Pick<
  ApiHandlers,
  | 'tune.findings'
  | 'tune.diff'
  | 'tune.verify'
  | 'tune.keep'
  | 'tune.discard'
  | 'tune.changes'
  | 'tune.change'
  | 'tune.exportOutcomes'
  | 'tune.importOutcomes'
>;

export function tuneHandlers(deps: TuneHandlerDeps): TuneHandlers {
  const service = (): TuneService => {
    if (!deps.service) throw new Error(`the local database is unavailable: ${deps.storeError}`);
    return deps.service;
  };
  const requireTrust = (root: string): string => {
    const folder = canonicalFolder(root);
    if (!deps.trust?.isTrusted(folder)) throw new NotTrustedError(folder);
    return folder;
  };
  return {
    'tune.findings': async ({ root }) => (await service().analyse(root)).report,
    'tune.diff': async ({ root, findingId }) => service().diff(root, findingId),
    'tune.verify': async ({ root, findingId, onCopy }) => {
      const folder = requireTrust(root);
      const tune = service();
      const [machine, sampler] = await Promise.all([deps.machine(), deps.sampler()]);
      const jobId = deps.queue.submit(`Verify ${findingId} in ${folder}`, async ({ jobId: id, signal, progress }) => {
        const change = await tune.verify(
          folder,
          findingId,
          { onCopy },
          {
            jobId: id,
            signal,
            fingerprint: machine.fingerprint,
            suite: { launcher: deps.launcher, workerPath: builtWorkerPath('bench-worker'), runs: deps.runs, sampler },
            onStep: (title, value) => progress({ kind: 'step', jobId: id, value, title }),
            onProgress: (p) => (p.kind === 'step' ? progress({ ...p, value: 0.5 + p.value * 0.45 }) : undefined),
          },
        );
        progress({
          kind: 'done',
          jobId: id,
          title: `${findingId}: ${change.verification?.overall ?? change.status} — ${change.verification?.summary ?? ''}`,
        });
        return change.id;
      });
      return { jobId };
    },
    'tune.keep': async ({ changeId, merge }) => {
      await service().recover();
      const change = service().change(changeId);
      requireTrust(change.root);
      return service().keep(changeId, merge);
    },
    'tune.discard': async ({ changeId }) => {
      const change = service().change(changeId);
      requireTrust(change.root);
      return service().discard(changeId);
    },
    'tune.changes': async ({ root }) => service().changes(canonicalFolder(root)),
    'tune.change': async ({ changeId }) => {
      try {
        return service().change(changeId);
      } catch (error) {
        if (error instanceof UnknownFindingError) return null;
        throw error;
      }
    },
    'tune.exportOutcomes': async () => service().exportOutcomes(),
    'tune.importOutcomes': async (data) => service().importOutcomes(data),
  };
}
