import type { Evidence } from '../../../../../shared/schemas/project';
import { DEFAULT_SESSION } from '../../../inference/types';
import type { InferenceObservation, RuleContext } from '../../types';

/** Results measured fewer times than this are too noisy to recommend anything on. */
export const MIN_RUNS = 3;
/** A change must be at least this much faster (relative p50) to be worth a finding. */
export const MIN_GAIN = 0.1;

export const ORT_REFERENCE = {
  title: 'ONNX Runtime: Tune performance',
  url: 'https://onnxruntime.ai/docs/performance/tune-performance/',
};

/** Folder of the models stack, where model findings belong ('' when models are spread out or not the project's). */
export function modelsDir(context: RuleContext, observation: InferenceObservation): string {
  if (observation.file === null) return '';
  return context.profile.stacks.find((stack) => stack.id === 'models')?.dir ?? '';
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function measured(observation: InferenceObservation): string {
  return `${observation.device}, ${observation.precision}, batch ${observation.batch}: p50 ${ms(observation.latencyMsP50)} (n = ${observation.n})`;
}

/** The project's model file when it is one; otherwise the measured run, named by its model. */
export function modelEvidence(observation: InferenceObservation): Evidence {
  return { file: observation.file ?? observation.model, line: null, excerpt: `measured ${measured(observation)}` };
}

/** Usable as the faster side of a comparison: enough runs, outputs agreeing with the reference. */
export function trustworthy(observation: InferenceObservation): boolean {
  return observation.agreementOk && observation.n >= MIN_RUNS && observation.latencyMsP50 > 0;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

export function fastest<T extends { latencyMsP50: number }>(items: readonly T[]): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best && best.latencyMsP50 <= item.latencyMsP50 ? best : item),
    undefined,
  );
}

/** The onnxruntime session options Tunebench varies; the device is compared separately. */
export const SESSION_KEYS = ['intraOpThreads', 'interOpThreads', 'graphOptimization', 'executionMode'] as const;
export type SessionKey = (typeof SESSION_KEYS)[number];

/** Settings a result was measured with, missing ones being the runtime's defaults. */
export function sessionValue(observation: InferenceObservation, key: SessionKey): string | number | boolean {
  return observation.settings[key] ?? DEFAULT_SESSION[key];
}

export function defaultSettings(observation: InferenceObservation): boolean {
  return SESSION_KEYS.every((key) => sessionValue(observation, key) === DEFAULT_SESSION[key]);
}
