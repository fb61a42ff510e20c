import { figureDigits } from '../../../../shared/format';
import type { SessionSettings } from '../types';
import { confirmationPlan, confirmWinner, planWithConfirmation } from './confirm';
import { gainOverDefaults } from './gain';
import { successiveHalving } from './halving';
import { disqualified, type EvaluationOutcome } from './measure';
import {
  BATCHES,
  candidateKey,
  defaultCandidate,
  enumerate,
  EXECUTION_MODES,
  GRAPH_LEVELS,
  initialCandidates,
  itemsPerRun,
  OPENVINO_HINTS,
  OPENVINO_REQUESTS,
  searchSpace,
  threadCounts,
} from './space';
import { snippets } from './snippets';
import type {
  BestConfiguration,
  Candidate,
  EvaluatedCandidate,
  Gain,
  Measurement,
  ModelVariant,
  Objective,
  Precision,
  SampledMeasurement,
  TuneResult,
} from './types';

export interface TuneRequest {
  /** "builtin:mlp" or the model's file name, for titles and the result file. */
  modelId: string;
  variants: ModelVariant[];
  devices: SessionSettings['device'][];
  objectives: Objective[];
  budgetSeconds: number;
  cores: number;
  seed?: number;
  /** Things the caller wants the reader to see (devices not available, …). */
  notes?: string[];
}

export interface TuneDeps {
  /**
   * One measurement in a fresh worker. `confirmationRound` (1-based) is set for the measurements
   * of the confirmation A/B after the search, undefined during the search.
   */
  evaluate: (candidate: Candidate, budgetMs: number, confirmationRound?: number) => Promise<EvaluationOutcome>;
  now?: () => number;
  onEvaluated?: (evaluated: EvaluatedCandidate) => void;
  /** `step` changes once per round (a line on a non-terminal), `detail` with every measurement. */
  onProgress?: (fraction: number, step: string, detail: string) => void;
  /** First guess of the cost of one measurement besides its sampling budget (worker start, load). */
  overheadMs?: number;
  /** The shortest measurement of a candidate in the first round. */
  minBudgetMs?: number;
}

function headline(objective: Objective, modelId: string, gain: Gain): string {
  const metric = objective === 'latency' ? 'p50 latency per run at batch 1' : 'throughput';
  const basis = gain.basis === 'confirmation A/B' ? ', measured in an A/B after the search' : '';
  return `Tuned by tunebench for ${objective} on ${modelId}: ${metric} ${figureDigits(gain.best.median)} ${gain.unit} (n=${gain.best.n}) vs ${figureDigits(gain.defaults.median)} ${gain.unit} (n=${gain.defaults.n}) with default options, ${gain.factor.toFixed(2)}×${basis}`;
}

function objectiveValue(objective: Objective, m: Measurement): number {
  return objective === 'latency' ? m.p50Ms : m.throughput;
}

/**
 * Auto-tunes onnxruntime session settings (and, on OpenVINO devices, the hint and requests in
 * flight) for each objective by successive halving within the
 * wall-time budget (shared equally by the objectives; time one leaves over goes to the next).
 * The winner's gain over the defaults is then measured in a confirmation A/B of its own.
 */
export async function tuneInference(request: TuneRequest, deps: TuneDeps): Promise<TuneResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const totalMs = request.budgetSeconds * 1000;
  const precisions = [...new Set(request.variants.map((v) => v.precision))] as Precision[];
  const defaultPrecision: Precision = precisions.includes('fp32') ? 'fp32' : precisions[0]!;
  const defaults = defaultCandidate(defaultPrecision);
  const notes = [...(request.notes ?? [])];
  const candidates: EvaluatedCandidate[] = [];
  const best: TuneResult['best'] = {};
  const sizes: TuneResult['space']['size'] = {};
  const methods: string[] = [];
  // Updated from every measurement: wall time beyond the sampling budget.
  let overheadMs = deps.overheadMs ?? 400;
  let overheadSamples = 0;
  const measure = async (candidate: Candidate, budgetMs: number, confirmationRound?: number) => {
    const before = now();
    const result = await deps.evaluate(candidate, budgetMs, confirmationRound);
    overheadMs = (overheadMs * overheadSamples + Math.max(0, now() - before - budgetMs)) / (overheadSamples + 1);
    overheadSamples += 1;
    return result;
  };

  for (const [index, objective] of request.objectives.entries()) {
    const shareMs = (totalMs - (now() - started)) / (request.objectives.length - index);
    const objectiveStart = now();
    const all = enumerate(searchSpace(objective, request.cores, request.devices, precisions));
    sizes[objective] = all.length + 1;
    // The confirmation A/B after the search is paid from the same share.
    const planned = planWithConfirmation(all.length + 1, shareMs, overheadMs, deps.minBudgetMs ?? 250);
    const plan = planned.search;
    if (!plan.fits) {
      notes.push(
        `${objective}: a budget of ${(shareMs / 1000).toFixed(1)} s is too small for even two candidates (about ${((plan.estimatedMs + planned.confirmation.estimatedMs) / 1000).toFixed(1)} s needed with the confirmation A/B); it ran over`,
      );
    }
    methods.push(
      `${objective}: ${plan.count} of ${all.length + 1} configurations in the first round, ${plan.baseBudgetMs} ms of sampling each, doubling per round over ${plan.rounds} rounds, then ${planned.confirmation.rounds} alternating rounds per side of the confirmation A/B`,
    );
    const records = new Map<string, EvaluatedCandidate>();
    // The last measurement's samples per candidate, for the gain test; the result file keeps only figures.
    const sampled = new Map<string, SampledMeasurement>();
    const defaultKey = candidateKey(defaults);
    let evaluated = 0;
    const outcome = await successiveHalving<Candidate>({
      candidates: initialCandidates(all, defaults, plan.count, request.seed),
      baseline: defaults,
      key: candidateKey,
      baseBudgetMs: plan.baseBudgetMs,
      canAfford: (_round, count, budgetMs) =>
        now() - objectiveStart + count * (overheadMs + budgetMs) + planned.confirmation.estimatedMs <= shareMs * 1.15,
      evaluate: async (candidate, budgetMs, round) => {
        const key = candidateKey(candidate);
        const record: EvaluatedCandidate = records.get(key) ?? {
          key,
          objective,
          candidate,
          isDefault: key === defaultKey,
          lastRound: round,
          rounds: [],
          measurement: null,
          error: null,
        };
        records.set(key, record);
        const result = await measure(candidate, budgetMs);
        record.lastRound = round;
        let value: number | null = null;
        if (result.error !== null) {
          record.error = result.error;
        } else {
          const { samples: _samples, ...figures } = result.measurement;
          sampled.set(key, result.measurement);
          record.measurement = figures;
          record.error = disqualified(result.measurement);
          if (record.error === null) value = objectiveValue(objective, result.measurement);
        }
        record.rounds.push({ round, budgetMs, value, n: result.measurement?.n ?? 0 });
        evaluated += 1;
        deps.onEvaluated?.(record);
        deps.onProgress?.(
          Math.min(0.99, (now() - started) / totalMs),
          `${objective}, round ${round + 1} of ${plan.rounds}`,
          `${evaluated} measured; last ${key}`,
        );
        if (value === null) return null;
        // Halving keeps the lowest scores: throughput is negated so more items/s ranks first.
        return objective === 'latency' ? value : -value;
      },
    });
    if (outcome.stoppedEarly) {
      notes.push(`${objective}: the budget was spent after round ${outcome.finalRound + 1} of ${plan.rounds}`);
    }
    candidates.push(...records.values());
    const defaultRecord = records.get(defaultKey)!;
    const defaultSamples = sampled.get(defaultKey);
    if (!defaultSamples || defaultRecord.error) {
      throw new Error(`${request.modelId} does not run with default session options: ${defaultRecord.error}`);
    }
    if (!outcome.winner) {
      notes.push(`${objective}: no configuration produced a valid measurement`);
      continue;
    }
    const winnerKey = candidateKey(outcome.winner);
    const winner = records.get(winnerKey)!;
    const isDefault = winnerKey === defaultKey;
    // The samples that chose the winner flatter it: its gain is measured afresh (none when the defaults won).
    // Each side gets the sampling time of the winner's last measurement (shorter if the search stopped early).
    const confirmPlan = confirmationPlan(winner.rounds.at(-1)!.budgetMs, overheadMs);
    const confirmation = isDefault
      ? null
      : await confirmWinner({
          winner: winner.candidate,
          defaults,
          plan: confirmPlan,
          measure,
          onMeasured: (round, side) =>
            deps.onProgress?.(
              Math.min(0.99, (now() - started) / totalMs),
              `${objective}, confirming the winner against the defaults`,
              `A/B round ${round} of ${confirmPlan.rounds}: ${side} measured`,
            ),
        });
    if (confirmation?.error) notes.push(`${objective}: the confirmation A/B failed: ${confirmation.error}`);
    const gain = gainOverDefaults(
      objective,
      {
        best: { measurement: sampled.get(winnerKey)!, items: itemsPerRun(winner.candidate) },
        defaults: { measurement: defaultSamples, items: itemsPerRun(defaults) },
        isDefault,
      },
      confirmation,
    );
    const modelPath = request.variants.find((v) => v.precision === winner.candidate.precision)!.path;
    const configuration: BestConfiguration = {
      objective,
      key: winnerKey,
      candidate: winner.candidate,
      modelPath,
      measurement: winner.measurement!,
      defaultKey,
      gain,
      snippets: snippets({
        candidate: winner.candidate,
        modelPath,
        headline: headline(objective, request.modelId, gain),
      }),
    };
    best[objective] = configuration;
  }

  return {
    format: 'tunebench-inference-tuning',
    version: 1,
    model: request.modelId,
    createdAt: new Date().toISOString(),
    budgetSeconds: request.budgetSeconds,
    elapsedSeconds: Number(((now() - started) / 1000).toFixed(2)),
    objectives: request.objectives,
    method: `successive halving: measure every candidate briefly, keep the better half, double each survivor's sampling time, repeat; the defaults are measured in every round, so the search sees them with the winner's budget. The gain over the defaults is then measured in a separate A/B: winner and defaults alternate in fresh workers with a new budget and their samples are pooled per side, so the samples that chose the winner (and flatter it) do not also measure its gain. Each measurement runs the inference suite's benchmark in its own worker process. ${methods.join('; ')}.`,
    space: {
      devices: request.devices,
      precisions,
      intraOpThreads: threadCounts(request.cores),
      interOpThreads: threadCounts(request.cores),
      graphOptimization: GRAPH_LEVELS,
      executionMode: EXECUTION_MODES,
      batches: BATCHES,
      ...(request.devices.some((d) => d.startsWith('openvino-'))
        ? { openvino: { hints: OPENVINO_HINTS, requests: OPENVINO_REQUESTS } }
        : {}),
      size: sizes,
    },
    defaults,
    best,
    candidates,
    notes,
  };
}
