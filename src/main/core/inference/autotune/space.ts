import { seededRandom } from '../../bench/stats/random';
import { DEFAULT_SESSION, type SessionSettings } from '../types';
import type { Candidate, Objective, OpenVinoKnobs, Precision } from './types';

export const GRAPH_LEVELS: SessionSettings['graphOptimization'][] = ['disabled', 'basic', 'extended', 'all'];
export const EXECUTION_MODES: SessionSettings['executionMode'][] = ['sequential', 'parallel'];
export const BATCHES: Record<Objective, number[]> = { latency: [1], throughput: [1, 8, 32] };
export const OPENVINO_HINTS: OpenVinoKnobs['hint'][] = ['latency', 'throughput'];
/** A latency objective keeps one request in flight, as it keeps batch 1; throughput may overlap several. */
export const OPENVINO_REQUESTS: Record<Objective, number[]> = { latency: [1], throughput: [1, 2, 4] };

const isOpenVino = (device: SessionSettings['device']): boolean => device.startsWith('openvino-');

/** Items one measured run processes: the batch, times the InferRequests an OpenVINO candidate keeps in flight. */
export function itemsPerRun(candidate: Candidate): number {
  return candidate.batch * (candidate.openvino?.requests ?? 1);
}

export interface SearchSpace {
  devices: SessionSettings['device'][];
  precisions: Precision[];
  intraOpThreads: number[];
  interOpThreads: number[];
  graphOptimization: SessionSettings['graphOptimization'][];
  executionMode: SessionSettings['executionMode'][];
  batches: number[];
  openvinoHints: OpenVinoKnobs['hint'][];
  openvinoRequests: number[];
}

/** 1, 2, 4, … up to `cores`, and `cores` itself: every count up to 4, then doubling keeps the grid small. */
export function threadCounts(cores: number): number[] {
  const counts = new Set<number>();
  for (let n = 1; n < cores; n *= 2) counts.add(n);
  for (let n = 1; n <= Math.min(cores, 4); n += 1) counts.add(n);
  counts.add(Math.max(1, cores));
  return [...counts].sort((a, b) => a - b);
}

export function searchSpace(
  objective: Objective,
  cores: number,
  devices: SessionSettings['device'][],
  precisions: Precision[],
): SearchSpace {
  return {
    devices,
    precisions,
    intraOpThreads: threadCounts(cores),
    interOpThreads: threadCounts(cores),
    graphOptimization: GRAPH_LEVELS,
    executionMode: EXECUTION_MODES,
    batches: BATCHES[objective],
    openvinoHints: OPENVINO_HINTS,
    openvinoRequests: OPENVINO_REQUESTS[objective],
  };
}

/** The configuration a user gets without tuning: default session options, FP32, batch 1, on the CPU. */
export function defaultCandidate(precision: Precision): Candidate {
  return { ...DEFAULT_SESSION, device: 'cpu', precision, batch: 1 };
}

export function candidateKey(c: Candidate): string {
  if (c.openvino)
    return [c.device, c.precision, `b${c.batch}`, `hint-${c.openvino.hint}`, `r${c.openvino.requests}`].join('/');
  return [
    c.device,
    c.precision,
    `b${c.batch}`,
    `intra${c.intraOpThreads}`,
    `inter${c.interOpThreads}`,
    `opt-${c.graphOptimization}`,
    c.executionMode,
  ].join('/');
}

/**
 * Every configuration in the space. Inter-op threads only matter to the parallel executor, so the
 * sequential mode is listed once with inter-op 0 instead of once per inter-op count. OpenVINO
 * devices have no onnxruntime session options: their hint and requests in flight vary instead.
 */
export function enumerate(space: SearchSpace): Candidate[] {
  const out: Candidate[] = [];
  for (const device of space.devices.filter(isOpenVino))
    for (const precision of space.precisions)
      for (const batch of space.batches)
        for (const hint of space.openvinoHints)
          for (const requests of space.openvinoRequests)
            out.push({ ...DEFAULT_SESSION, device, precision, batch, openvino: { hint, requests } });
  for (const device of space.devices.filter((d) => !isOpenVino(d)))
    for (const precision of space.precisions)
      for (const batch of space.batches)
        for (const intraOpThreads of space.intraOpThreads)
          for (const graphOptimization of space.graphOptimization)
            for (const executionMode of space.executionMode)
              for (const interOpThreads of executionMode === 'sequential' ? [0] : space.interOpThreads)
                // The memory arena stays on: it is a memory knob, and these objectives are speed.
                out.push({
                  ...DEFAULT_SESSION,
                  device,
                  precision,
                  batch,
                  intraOpThreads,
                  interOpThreads,
                  graphOptimization,
                  executionMode,
                });
  return out;
}

/**
 * The first round's candidates: the defaults, then a seeded random sample of the space (the same
 * seed gives the same sample, so a tuning run can be repeated). With room for the whole space,
 * all of it.
 */
export function initialCandidates(all: Candidate[], defaults: Candidate, count: number, seed = 0x5eed): Candidate[] {
  const defaultKey = candidateKey(defaults);
  const rest = all.filter((c) => candidateKey(c) !== defaultKey);
  const random = seededRandom(seed);
  for (let i = rest.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [defaults, ...rest.slice(0, Math.max(0, count - 1))];
}
