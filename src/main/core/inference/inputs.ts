import { seededRandom } from '../bench/stats/random';
import type { Feed, TensorSpec } from './types';

/** float32 → IEEE 754 half, round to nearest (for float16 model inputs). */
export function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | Math.round(mantissa / 0x2000);
}

/** IEEE 754 half → number. */
export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

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
        data = Uint16Array.from({ length: count }, () => toHalf(random() * 2 - 1));
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
