import { seededRandom } from '../bench/stats/random';
import { float32ToFloat16Bits } from './models/float16';
import type { Feed, TensorSpec } from './types';

export class InputShapeError extends Error {}

/**
 * Inputs generated from the model's declared shapes: symbolic dimensions take the value given in
 * `dims` (the batch size by default), values are seeded so every run and device sees the same data.
 */
export function generateFeeds(inputs: TensorSpec[], dims: Record<string, number>, seed = 42): Record<string, Feed> {
  const random = seededRandom(seed);
  const feeds: Record<string, Feed> = {};
  for (const input of inputs) {
    const shape = input.shape.map((dim, axis) => {
      if (typeof dim === 'number' && dim > 0) return dim;
      const name = typeof dim === 'string' && dim !== '' ? dim : `${input.name}[${axis}]`;
      const value = dims[name] ?? (axis === 0 ? dims.batch : undefined);
      if (value === undefined) {
        throw new InputShapeError(
          `input ${input.name}: dimension "${name}" is dynamic; give it a size (e.g. --dim ${name}=128)`,
        );
      }
      return value;
    });
    const count = shape.reduce((a, b) => a * b, 1);
    let data: Feed['data'];
    switch (input.type) {
      case 'float32':
        data = Float32Array.from({ length: count }, () => random() * 2 - 1);
        break;
      case 'float16':
        data = Uint16Array.from({ length: count }, () => float32ToFloat16Bits(random() * 2 - 1));
        break;
      case 'int64':
        data = BigInt64Array.from({ length: count }, () => BigInt(Math.floor(random() * 100)));
        break;
      case 'int32':
        data = Int32Array.from({ length: count }, () => Math.floor(random() * 100));
        break;
      case 'uint8':
        data = Uint8Array.from({ length: count }, () => Math.floor(random() * 256));
        break;
      case 'int8':
        data = Int8Array.from({ length: count }, () => Math.floor(random() * 256) - 128);
        break;
      default:
        throw new InputShapeError(`input ${input.name}: type ${input.type} is not supported for generated inputs`);
    }
    feeds[input.name] = { type: input.type, data, dims: shape };
  }
  return feeds;
}
