import os from 'node:os';
import type { BenchmarkResult, Level, Run, SamplingPlan } from '../../../shared/schemas/bench';
import type { Progress } from '../../../shared/schemas/progress';
import type { TelemetrySample } from '../../../shared/schemas/telemetry';
import { energyBetween, probeEnergy, readEnergy } from '../hardware/energy';
import type { TelemetrySampler } from '../hardware/telemetry/sampler';
import { ITEMS_PER_SAMPLE } from '../../../shared/inference-extras';
import type { WorkerLauncher } from '../jobs/worker-launcher';
import type { RunRepository } from '../store/runs';
import { errorMessage } from '../util/timebox';
import { machineBusyCpuUs } from '../hardware/cpu-time/proc-stat';
import { detectNoise } from './noise';
import { summarizeTelemetry } from './telemetry-summary';
import { BenchmarkCancelledError, BenchmarkFailedError, runBenchmark } from './runner';
import { mergeRounds, roundPlan } from './rounds';
import type { BenchmarkSpec } from './worker/protocol';

export interface SuiteRequest {
  jobId: string;
  kind: Run['kind'];
  name: string;
  preset: string;
  level: Level;
  options: Record<string, unknown>;
  specs: BenchmarkSpec[];
  plan: SamplingPlan;
  fingerprint: string;
  /** Whole-suite time budget: benchmarks not started when it is spent are listed as skipped. */
  suiteBudgetMs?: number;
  /**
   * Rounds (default 1): the whole suite k times, each benchmark in a fresh worker each round, so that separate
   * runs can be compared over replicates that include process-to-process variation (see rounds.ts).
   */
  rounds?: number;
}

export interface SuiteDeps {
  launcher: WorkerLauncher;
  workerPath: string;
  runs: RunRepository | null;
  sampler: TelemetrySampler | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onResult?: (result: BenchmarkResult) => void;
  /** sysfs root for the RAPL energy counters (tests point it at a recorded tree). */
  sysRoot?: string;
}

/** Mean GPU board power over the telemetry samples of one benchmark, when nvidia-smi reported it. */
function meanGpuPower(samples: TelemetrySample[]): number | null {
  const totals = samples
    .map((s) => s.gpus.reduce((sum, gpu) => sum + (gpu.powerW ?? 0), 0))
    .filter((_, i) => samples[i]!.gpus.some((gpu) => gpu.powerW !== null));
  return totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : null;
}

/** CPU time of the commands a command benchmark ran (its [user CPU] and [system CPU] series, in ms). */
function timedChildCpuUs(results: readonly BenchmarkResult[]): number {
  return results
    .filter((result) => /:(user|sys)$/.test(result.id))
    .reduce((sum, result) => sum + result.samples.reduce((a, b) => a + b, 0) * 1000, 0);
}

function busySince(start: number | null): number | null {
  const end = start === null ? null : machineBusyCpuUs();
  return start === null || end === null ? null : end - start;
}

function ownCpuUs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

/**
 * Performance per watt: higher-is-better rates per W (GFLOP/s per W), and for inference latencies
 * the items per second per W their `items per sample` gives (items/s per W = items per joule).
 * Empty when no power is known.
 */
function energyExtras(
  result: BenchmarkResult,
  cpuWatts: number | null,
  gpuWatts: number | null,
): Record<string, string> {
  const extras: Record<string, string> = {};
  if (cpuWatts !== null) extras['CPU package power'] = `${cpuWatts.toFixed(1)} W (RAPL, mean over the benchmark)`;
  if (gpuWatts !== null) extras['GPU board power'] = `${gpuWatts.toFixed(1)} W (nvidia-smi, mean)`;
  const watts = (cpuWatts ?? 0) + (gpuWatts ?? 0);
  const items = result.extras[ITEMS_PER_SAMPLE];
  if (watts > 0 && result.direction === 'higher-is-better') {
    extras['per watt'] = `${(result.summary.median / watts).toPrecision(3)} ${result.unit} per W`;
  } else if (watts > 0 && typeof items === 'number' && result.unit === 'ms' && result.summary.median > 0) {
    const itemsPerSecond = (items * 1000) / result.summary.median;
    extras['per watt'] = `${(itemsPerSecond / watts).toPrecision(3)} items/s per W (items per joule)`;
  }
  return extras;
}

/**
 * Runs a suite one benchmark at a time (so they do not disturb each other), each in its own
 * worker, with telemetry sampled alongside for noise warnings. A failing benchmark is recorded
 * and the suite goes on; cancelling stops it. Results and raw samples are stored as they come.
 */
export async function runSuite(request: SuiteRequest, deps: SuiteDeps): Promise<Run> {
  const runId = deps.runs?.start(request.kind, request.name, request.fingerprint, {
    preset: request.preset,
    level: request.level,
    options: request.options,
  });
  const startedAt = new Date().toISOString();
  const results: BenchmarkResult[] = [];
  const failures: Run['failures'] = [];
  const runWarnings: string[] = [];
  const telemetry: TelemetrySample[] = [];
  const unsubscribe = deps.sampler?.onSample((sample) => telemetry.push(sample));
  const releaseSampler = deps.sampler?.hold(2);
  const rounds = Math.max(1, Math.floor(request.rounds ?? 1));
  const plan = roundPlan(request.plan, rounds);
  const perRound = request.specs.length;
  const total = perRound * rounds;
  const energy = await probeEnergy(deps.sysRoot);
  if (energy.status !== 'present') runWarnings.push(`energy: ${energy.reason}; no performance per watt for the CPU`);
  let status: Exclude<Run['status'], 'running'> = 'completed';
  let fatal: string | null = null;
  // With one round a result is final when measured; with several it waits for its other rounds.
  const roundParts = new Map<string, BenchmarkResult[]>();
  const keep = (result: BenchmarkResult) => {
    results.push(result);
    if (runId !== undefined) deps.runs?.addResult(runId, result);
    deps.onResult?.(result);
  };
  try {
    const suiteStarted = Date.now();
    let stop = false;
    for (let round = 0; round < rounds && !stop; round += 1) {
      for (const [specIndex, spec] of request.specs.entries()) {
        const index = round * perRound + specIndex;
        if (deps.signal?.aborted) {
          status = 'cancelled';
          stop = true;
          break;
        }
        if (request.suiteBudgetMs !== undefined && Date.now() - suiteStarted >= request.suiteBudgetMs) {
          if (round === 0) {
            for (const skipped of request.specs.slice(specIndex)) {
              failures.push({
                id: skipped.id,
                title: skipped.title,
                error: `skipped: the suite's time budget of ${Math.round(request.suiteBudgetMs / 1000)} s was spent`,
              });
            }
          } else {
            runWarnings.push(
              `the suite's time budget of ${Math.round(request.suiteBudgetMs / 1000)} s allowed ${round} of ${rounds} rounds`,
            );
          }
          stop = true;
          break;
        }
        const title =
          rounds > 1
            ? `round ${round + 1}/${rounds} · ${specIndex + 1}/${perRound} ${spec.title}`
            : `${index + 1}/${total} ${spec.title}`;
        const report = (fraction: number, description: string) =>
          deps.onProgress?.({
            kind: 'step',
            jobId: request.jobId,
            value: Math.min(1, (index + fraction) / total),
            title,
            description,
          });
        report(0, 'starting');
        const windowStart = telemetry.length;
        const energyStart = energy.status === 'present' ? await readEnergy(energy.zones) : null;
        // This process's own CPU while the benchmark runs (event handling, telemetry, storing) is Tunebench's, not
        // another process's: on a short round it alone would read as "machine busy".
        const parentCpuStart = process.cpuUsage();
        const machineBusyStart = machineBusyCpuUs();
        try {
          const measured = await runBenchmark(spec, plan, {
            launcher: deps.launcher,
            workerPath: deps.workerPath,
            signal: deps.signal,
            onProgress: (p) =>
              report(
                p.phase === 'sampling' ? Math.min(0.95, p.samples / plan.minSamples / 2) : 0.05,
                p.phase === 'sampling'
                  ? `${p.samples} samples${p.relativeHalfWidth === null ? '' : `, ±${(p.relativeHalfWidth * 100).toFixed(1)} %`}`
                  : p.phase,
              ),
          });
          const noise = detectNoise({
            telemetry: telemetry.slice(windowStart),
            // The commands a command benchmark times are its own load, not other processes'.
            workerCpuTimeUs:
              measured.cpuTimeUs +
              (measured.cpuTimeIncludesChildren ? 0 : timedChildCpuUs(measured.results)) +
              ownCpuUs(parentCpuStart),
            machineBusyUs: busySince(machineBusyStart),
            wallMs: measured.finishedAt - measured.startedAt,
            logicalCpus: os.cpus().length,
          });
          const energyEnd = energy.status === 'present' ? await readEnergy(energy.zones) : null;
          const cpuWatts =
            energy.status === 'present' && energyStart && energyEnd
              ? energyBetween(energy.zones, energyStart, energyEnd).watts
              : null;
          const gpuWatts = meanGpuPower(telemetry.slice(windowStart));
          for (const result of measured.results) {
            const withNoise: BenchmarkResult = {
              ...result,
              warnings: [...result.warnings, ...noise],
              extras: { ...result.extras, ...energyExtras(result, cpuWatts, gpuWatts) },
            };
            if (rounds === 1) keep(withNoise);
            else roundParts.set(withNoise.id, [...(roundParts.get(withNoise.id) ?? []), withNoise]);
          }
        } catch (error) {
          if (error instanceof BenchmarkCancelledError) {
            status = 'cancelled';
            stop = true;
            break;
          }
          const reason = error instanceof BenchmarkFailedError ? error.reason : errorMessage(error);
          const failure = {
            id: spec.id,
            title: spec.title,
            error: rounds > 1 ? `round ${round + 1}: ${reason}` : reason,
          };
          if (!failures.some((known) => known.id === spec.id)) failures.push(failure);
        }
      }
    }
    // Rounds already measured are kept, also when the run was cancelled or ran out of time.
    for (const parts of roundParts.values()) keep(mergeRounds(parts));
  } catch (fault) {
    // Anything outside one benchmark (the store, energy counters): the run must still be closed.
    status = 'failed';
    fatal = errorMessage(fault);
  } finally {
    unsubscribe?.();
    await releaseSampler?.();
  }
  if (status === 'completed' && results.length === 0 && failures.length > 0) status = 'failed';
  const noisy = results.filter((r) => r.warnings.some((w) => w.startsWith('machine busy'))).length;
  if (noisy > 0) runWarnings.push(`${noisy} of ${results.length} benchmarks ran while the machine was busy`);
  const error =
    status !== 'failed'
      ? null
      : fatal
        ? `the suite stopped: ${fatal}`
        : `every benchmark failed; first: ${failures[0]!.error}`;
  // With the series over time (zero = the run's start) that the reports chart.
  const telemetrySummary = summarizeTelemetry(telemetry, Date.parse(startedAt));
  if (runId !== undefined) {
    deps.runs?.finish(runId, status, { error, failures, warnings: runWarnings, telemetry: telemetrySummary });
  }
  deps.onProgress?.(
    status === 'completed'
      ? { kind: 'done', jobId: request.jobId, title: `${request.name}: ${results.length} results` }
      : { kind: 'failed', jobId: request.jobId, title: request.name, error: error ?? status },
  );
  return {
    id: runId ?? -1,
    kind: request.kind,
    name: request.name,
    fingerprint: request.fingerprint,
    startedAt,
    finishedAt: new Date().toISOString(),
    status,
    error,
    settings: { preset: request.preset, level: request.level, options: request.options },
    results,
    failures,
    warnings: runWarnings,
    telemetry: telemetrySummary,
  };
}
