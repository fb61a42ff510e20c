import { seededRandom } from '../bench/stats/random';
import { float32ToFloat16Bits } from './models/float16';
import type { Feed, InputOverride, TensorSpec } from './types';

export class InputShapeError extends Error {}

/** Size of a dynamic dimension nobody set: image height and width, or anything else (a sequence length). */
export const DEFAULT_IMAGE_SIZE = 224;
export const DEFAULT_DYNAMIC_SIZE = 128;

export interface FeedOptions {
  /**
   * Sizes the user gave (`--dims`): an input's name with its whole shape (`x: [1, 3, 320, 320]`), or a
   * symbolic dimension's name with its size (`sequence: 256` or `[256]`). Input names win; names the
   * model does not have are ignored, so one set serves several models.
   */
  dims?: Record<string, number | number[]>;
  /** A known model's conventions per input (the pretrained models' table); the user's shapes win over them. */
  overrides?: Record<string, InputOverride>;
}

export interface PlannedInput {
  name: string;
  type: string;
  dims: number[];
  /** Constant value of every element; undefined: seeded noise. */
  fill?: number;
  /** Dynamic dimensions that took a default size, as "name=size". */
  defaulted: string[];
}

function formatShape(dims: readonly number[]): string {
  return dims.length === 0 ? 'scalar' : dims.join('x');
}

function asShape(value: number | number[] | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** An image in NCHW (1 or 3 channels) gets 224×224 by default; other dynamic sizes 128. */
function defaultSize(input: TensorSpec, axis: number): number {
  const channels = input.shape[1];
  const image = input.shape.length === 4 && (channels === 1 || channels === 3) && axis >= 2;
  return image ? DEFAULT_IMAGE_SIZE : DEFAULT_DYNAMIC_SIZE;
}

/**
 * The shape and content of every input: the user's shape for an input if given, else the model's
 * convention (overrides), else the declared shape with dynamic dimensions sized by the user's `dims`,
 * the batch (first axis, or a dimension named "batch") or a default that the plan records.
 */
export function planInputs(inputs: TensorSpec[], batch: number, options: FeedOptions = {}): PlannedInput[] {
  const userDims = options.dims ?? {};
  const inputNames = new Set(inputs.map((i) => i.name));
  // One size per symbolic name across inputs, so "sequence" in input_ids and attention_mask agree.
  const chosen = new Map<string, number>();
  return inputs.map((input) => {
    const override = options.overrides?.[input.name];
    const defaulted: string[] = [];
    const given = asShape(userDims[input.name]);
    let dims: number[];
    if (given) {
      if (given.length !== input.shape.length) {
        throw new InputShapeError(
          `--dims ${input.name}=${formatShape(given)}: input ${input.name} has ${input.shape.length} dimensions (${input.shape.map((d) => (typeof d === 'number' && d > 0 ? d : '?')).join('x')}), not ${given.length}`,
        );
      }
      input.shape.forEach((declared, axis) => {
        if (typeof declared === 'number' && declared > 0 && declared !== given[axis]) {
          throw new InputShapeError(
            `--dims ${input.name}=${formatShape(given)}: axis ${axis} of input ${input.name} is fixed at ${declared}`,
          );
        }
      });
      const first = input.shape[0];
      if (!(typeof first === 'number' && first > 0) && given[0] !== batch) {
        throw new InputShapeError(
          `--dims ${input.name}=${formatShape(given)} gives a batch of ${given[0]}, but batch ${batch} is asked: use --batch ${given[0]} or --dims ${input.name}=${formatShape([batch, ...given.slice(1)])}`,
        );
      }
      dims = given;
    } else if (override?.shape) {
      dims = override.shape.map((d) => (d === 'batch' ? batch : d));
    } else {
      dims = input.shape.map((dim, axis) => {
        if (typeof dim === 'number' && dim > 0) return dim;
        const name = typeof dim === 'string' && dim !== '' ? dim : `${input.name}[${axis}]`;
        const set = inputNames.has(name) ? undefined : asShape(userDims[name]);
        if (set !== undefined) {
          if (set.length !== 1) {
            throw new InputShapeError(`--dims ${name}=${formatShape(set)}: a dimension takes one size`);
          }
          return set[0]!;
        }
        if (name === 'batch' || axis === 0) return batch;
        let size = chosen.get(name);
        if (size === undefined) {
          size = defaultSize(input, axis);
          chosen.set(name, size);
        }
        defaulted.push(`${name}=${size}`);
        return size;
      });
    }
    for (const [axis, size] of dims.entries()) {
      if (!Number.isInteger(size) || size < 1) {
        throw new InputShapeError(`input ${input.name}: size ${size} on axis ${axis} is not a positive whole number`);
      }
      const multiple = override?.multipleOf?.[axis] ?? 1;
      if (size % multiple !== 0) {
        const up = Math.ceil(size / multiple) * multiple;
        throw new InputShapeError(
          `input ${input.name}: size ${size} on axis ${axis} must be a multiple of ${multiple} for this model (e.g. ${up}): ${formatShape(dims)} given`,
        );
      }
    }
    return { name: input.name, type: input.type, dims, fill: override?.fill, defaulted };
  });
}

/** Seeded data for a plan: every run and device sees the same values; constant inputs draw no random numbers. */
export function feedsFor(plan: PlannedInput[], seed = 42): Record<string, Feed> {
  const random = seededRandom(seed);
  const feeds: Record<string, Feed> = {};
  for (const input of plan) {
    const count = input.dims.reduce((a, b) => a * b, 1);
    const fill = input.fill;
    const noise = (make: () => number) => (fill === undefined ? make : () => fill);
    let data: Feed['data'];
    switch (input.type) {
      case 'float32':
        data = Float32Array.from(
          { length: count },
          noise(() => random() * 2 - 1),
        );
        break;
      case 'float16':
        data = Uint16Array.from({ length: count }, () =>
          float32ToFloat16Bits(fill === undefined ? random() * 2 - 1 : fill),
        );
        break;
      case 'int64':
        data = BigInt64Array.from({ length: count }, () => BigInt(fill ?? Math.floor(random() * 100)));
        break;
      case 'int32':
        data = Int32Array.from(
          { length: count },
          noise(() => Math.floor(random() * 100)),
        );
        break;
      case 'uint8':
        data = Uint8Array.from(
          { length: count },
          noise(() => Math.floor(random() * 256)),
        );
        break;
      case 'int8':
        data = Int8Array.from(
          { length: count },
          noise(() => Math.floor(random() * 256) - 128),
        );
        break;
      default:
        throw new InputShapeError(`input ${input.name}: type ${input.type} is not supported for generated inputs`);
    }
    feeds[input.name] = { type: input.type, data, dims: input.dims };
  }
  return feeds;
}

/**
 * Inputs generated from the model's declared shapes (see `planInputs`), values seeded so every run
 * and device sees the same data.
 */
export function generateFeeds(
  inputs: TensorSpec[],
  batch: number,
  options: FeedOptions = {},
  seed = 42,
): Record<string, Feed> {
  return feedsFor(planInputs(inputs, batch, options), seed);
}

/** "input float32 1x512; sr int64 scalar = 16000 (defaults: seq=128; set with --dims)", for a result's extras. */
export function describePlan(plan: PlannedInput[]): string {
  const parts = plan.map(
    (i) => `${i.name} ${i.type} ${formatShape(i.dims)}${i.fill === undefined ? '' : ` = ${i.fill}`}`,
  );
  const defaulted = [...new Set(plan.flatMap((i) => i.defaulted))];
  return `${parts.join('; ')}${defaulted.length > 0 ? ` (defaults: ${defaulted.join(', ')}; set with --dims)` : ''}`;
}

/**
 * Parses `--dims` entries: "x=1x3x640x640" (an input's shape) or "sequence=256" (a dynamic dimension),
 * comma-separated. Throws with the entry on a malformed one.
 */
export function parseDims(value: string): Record<string, number[]> {
  const dims: Record<string, number[]> = {};
  for (const entry of value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)=(\d+(?:x\d+)*)$/.exec(entry);
    const sizes = match?.[2]!.split('x').map(Number);
    if (!match || !sizes || sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
      throw new InputShapeError(
        `--dims ${entry}: use name=size or input=AxBxC with positive whole numbers, e.g. x=1x3x640x640 or sequence=256`,
      );
    }
    dims[match[1]!] = sizes;
  }
  return dims;
}
