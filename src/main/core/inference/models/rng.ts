import { seededRandom } from '../../bench/stats/random';

/**
 * Seeded pseudo-random numbers (mulberry32, the same generator as the bootstrap's). Only integer
 * arithmetic and one division, so the same seed yields the same weights, and therefore the same
 * model bytes, on every machine and Node version.
 */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** Uniform in [-bound, bound). */
  symmetric(bound: number): number {
    return (this.next() * 2 - 1) * bound;
  }

  /** `count` float32 values, uniform in [-bound, bound). */
  fill(count: number, bound: number): Float32Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i += 1) values[i] = this.symmetric(bound);
    return values;
  }
}

/** Uniform bound giving a variance of `variance` (a uniform on [-b, b] has variance b²/3). */
export function uniformBound(variance: number): number {
  return Math.sqrt(3 * variance);
}
