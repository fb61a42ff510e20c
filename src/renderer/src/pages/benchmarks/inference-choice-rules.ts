import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import type { Level } from '../../../../shared/schemas/bench';
import type { ProjectProfile } from '../../../../shared/schemas/project';

export type Catalog = MethodOutput<'bench.inferenceModels'>;
export type Device = Catalog['devices'][number]['device'];
export type Precision = 'fp32' | 'fp16' | 'int8';
type StartInput = MethodInput<'bench.startInference'>;

export const PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'int8'];
export const BATCHES: readonly number[] = [1, 8, 32];

/** What the inference card will run: model refs (built-in, pretrained, project paths) and one typed path. */
export interface InferenceChoice {
  models: string[];
  /** A model file the user typed; checked by the engine, which names the path when it is wrong. */
  path: string;
  precisions: Precision[];
  devices: Device[];
  batches: number[];
}

/**
 * Seconds one inference benchmark takes, about, per level: the engine gives each a 5 s budget at
 * basic and 15 s above (bench.startInference's plan), plus a session load and warm-up; fast models
 * stop sooner at their precision target. A rough figure for the estimate line, not a promise.
 */
export const SECONDS_PER_BENCHMARK: Record<Level, number> = { basic: 5, moderate: 16, aggressive: 16 };

export const isBuiltin = (ref: string) => ref.startsWith('builtin:');

/** Today's behaviour: every built-in model in every precision on every device present, batch 1 and 8. */
export function defaultChoice(catalog: Catalog): InferenceChoice {
  return {
    models: catalog.builtin.map((m) => m.ref),
    path: '',
    precisions: [...PRECISIONS],
    devices: catalog.devices.filter((d) => d.available).map((d) => d.device),
    batches: [1, 8],
  };
}

/** The list with `value` added, or removed when it was there; in the order of `order` when given. */
export function toggle<T>(list: readonly T[], value: T, order?: readonly T[]): T[] {
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return order ? order.filter((v) => next.includes(v)) : next;
}

/** Devices chosen that can run here: one chosen before the hardware changed is not counted or sent. */
function runnableDevices(choice: InferenceChoice, catalog: Catalog): Device[] {
  return choice.devices.filter((d) => catalog.devices.some((entry) => entry.device === d && entry.available));
}

/** Every model ref to send: the checked ones and the typed path. */
export function modelRefs(choice: InferenceChoice): string[] {
  const path = choice.path.trim();
  return path ? [...choice.models, path] : choice.models;
}

/**
 * How many benchmarks the engine will queue: one per (model, precision, device, batch), where only
 * a built-in model comes in several precisions; pretrained and user models run as they are.
 */
export function benchmarkCount(choice: InferenceChoice, catalog: Catalog): number {
  const refs = modelRefs(choice);
  const builtin = refs.filter(isBuiltin).length;
  const variants = builtin * choice.precisions.length + (refs.length - builtin);
  return variants * runnableDevices(choice, catalog).length * choice.batches.length;
}

/** What stops the choice from running, said plainly; null when it can run. */
export function choiceProblem(choice: InferenceChoice, catalog: Catalog): string | null {
  const refs = modelRefs(choice);
  if (refs.length === 0) return 'Choose at least one model.';
  if (refs.some(isBuiltin) && choice.precisions.length === 0) return 'Choose a precision for the built-in models.';
  if (runnableDevices(choice, catalog).length === 0) return 'Choose at least one device.';
  if (choice.batches.length === 0) return 'Choose at least one batch size.';
  return null;
}

function duration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min` : `about ${(seconds / 3600).toFixed(1)} h`;
}

/** "24 benchmarks, about 2 min at the basic level": count × a fixed figure per benchmark, said to be an estimate. */
export function estimateText(count: number, level: Level): string {
  const each = SECONDS_PER_BENCHMARK[level];
  return `${count} benchmark${count === 1 ? '' : 's'}, ${duration(count * each)} at the ${level} level (estimate: about ${each} s each; fast models finish sooner)`;
}

/** The bench.startInference request for the choice. */
export function startRequest(choice: InferenceChoice, catalog: Catalog, level: Level): StartInput {
  return {
    models: modelRefs(choice),
    // Only built-in models have precision variants; the engine wants at least one either way.
    precisions: choice.precisions.length > 0 ? choice.precisions : ['fp32'],
    devices: runnableDevices(choice, catalog),
    batches: [...choice.batches].sort((a, b) => a - b),
    threads: 0,
    level,
  };
}

/** The open project's .onnx files as model refs: absolute paths (the scan lists them relative to the root). */
export function projectModelsOf(
  profile: Pick<ProjectProfile, 'root' | 'artifacts'> | null,
): Array<{ ref: string; label: string }> {
  if (!profile) return [];
  const root = profile.root.replace(/[\\/]+$/, '');
  return profile.artifacts
    .filter((a) => a.kind === 'model' && /\.onnx$/i.test(a.path))
    .map((a) => ({ ref: `${root}/${a.path}`, label: a.path }));
}
