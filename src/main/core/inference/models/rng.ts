/**
 * Seeded pseudo-random numbers (mulberry32). Only integer arithmetic and one division, so the same seed
 * yields the same weights, and therefore the same model bytes, on every machine and Node version.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
