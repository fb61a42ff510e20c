import { Rng } from './rng';
import type { BuiltinModelInfo } from './types';

/** Concrete input dimensions for a batch size (the symbolic batch dimension replaced). */
export function inputDims(info: BuiltinModelInfo, batch: number): number[] {
  return info.input.shape.map((d) => (d === 'batch' ? batch : d));
}

/** Seeded input, uniform over the model's declared input range: the same feed for every precision. */
export function randomInput(info: BuiltinModelInfo, batch: number, seed = 7): Float32Array {
  const [low, high] = info.input.range;
  const count = inputDims(info, batch).reduce((a, b) => a * b, 1);
  const rng = new Rng(seed);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i += 1) values[i] = low + rng.next() * (high - low);
  return values;
}
