import { describe, expect, it } from 'vitest';
import { compareSamples, geometricMeanRatio } from '../../../../../src/main/core/bench/compare';

/** CPU time (µs) of a fixed amount of integer work; CPU time, not wall time, so other load matters less. */
function measureWork(iterations: number): number {
  const start = process.cpuUsage();
  let acc = 0x12345678;
  for (let i = 0; i < iterations; i += 1) acc = (Math.imul(acc, 1103515245) + 12345) | 0;
  const used = process.cpuUsage(start);
  if (acc === 42) throw new Error('unreachable: keeps the loop alive');
  return used.user + used.system;
}

/** Interleaved A/B measurement, so drift of the machine cancels between the two sets. */
function interleaved(iterationsA: number, iterationsB: number, pairs: number): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 5; i += 1) measureWork(iterationsA); // warm-up (JIT)
  for (let i = 0; i < pairs; i += 1) {
    a.push(measureWork(iterationsA));
    b.push(measureWork(iterationsB));
  }
  return { a, b };
}

describe('compareSamples on real measurements', () => {
  const WORK = 4_000_000;

  it('says "no significant change" for two sample sets drawn from the same process', () => {
    const { a, b } = interleaved(WORK, WORK, 40);
    const result = compareSamples(a, b, { direction: 'lower-is-better' });
    expect(result.verdict).toBe('no significant change');
    expect(Math.abs(result.relativeChange)).toBeLessThan(0.05);
    expect(result.ci[0]).toBeLessThan(result.ci[1]);
  });

  it('says "slower" when a controlled 5 % slowdown is injected', () => {
    const { a, b } = interleaved(WORK, Math.round(WORK * 1.05), 40);
    const result = compareSamples(a, b, { direction: 'lower-is-better' });
    expect(result.verdict).toBe('slower');
    expect(result.relativeChange).toBeGreaterThan(0.02);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.ci[0]).toBeGreaterThan(0);
  });

  it('turns the verdict around for higher-is-better metrics (throughput)', () => {
    const { a, b } = interleaved(WORK, Math.round(WORK * 1.05), 40);
    const throughputA = a.map((us) => WORK / us);
    const throughputB = b.map((us) => WORK / us);
    expect(compareSamples(throughputA, throughputB, { direction: 'higher-is-better' }).verdict).toBe('slower');
  });
});

describe('compareSamples on fixed data', () => {
  it('is reproducible (seeded bootstrap) and respects the noise threshold', () => {
    const base = [100, 101, 99, 100.5, 99.5, 100.2, 100.1, 99.9];
    const head = base.map((v) => v * 1.01);
    const first = compareSamples(base, head, { direction: 'lower-is-better', noiseThreshold: 0.02 });
    const second = compareSamples(base, head, { direction: 'lower-is-better', noiseThreshold: 0.02 });
    expect(first).toEqual(second);
    expect(first.relativeChange).toBeCloseTo(0.01, 10);
    expect(first.verdict).toBe('no significant change');
    expect(compareSamples(base, head, { direction: 'lower-is-better', noiseThreshold: 0.005 }).verdict).toBe('slower');
  });

  it('refuses a zero base median', () => {
    expect(() => compareSamples([0, 0, 0], [1, 1, 1], { direction: 'lower-is-better' })).toThrow(/base median is zero/);
  });
});

describe('geometricMeanRatio', () => {
  it('is the benchstat summary: geomean of 2× and ½× is 1', () => {
    expect(geometricMeanRatio([2, 0.5])).toBeCloseTo(1, 12);
    expect(geometricMeanRatio([1.1, 1.1, 1.1])).toBeCloseTo(1.1, 12);
    expect(() => geometricMeanRatio([1, 0])).toThrow(RangeError);
  });
});

describe('compareSamples on values at the clock resolution', () => {
  it('keeps a finite CI and says inconclusive when resampled base medians reach 0', () => {
    // User CPU time of a sleeping command in ms: mostly one tick or none.
    const base = [0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4];
    const head = [0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4];
    const comparison = compareSamples(base, head, { direction: 'lower-is-better' });
    expect(comparison.ci.every(Number.isFinite)).toBe(true);
    expect(comparison.verdict).toBe('inconclusive');
    expect(comparison.reason).toMatch(/^the base's median is 0 in \d+ of 2000 bootstrap resamples/);
    expect(() => JSON.parse(JSON.stringify(comparison))).not.toThrow();
  });
});
