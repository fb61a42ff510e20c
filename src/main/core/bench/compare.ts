import { quantileSorted } from 'simple-statistics';
import type { Comparison, Direction } from '../../../shared/schemas/bench';
import { hodgesLehmannShift } from './stats/hodges-lehmann';
import { mannWhitneyU, smallestMannWhitneyP } from './stats/mann-whitney';
import { medianOf } from './stats/quantiles';
import { seededRandom } from './stats/random';

export interface CompareOptions {
  direction: Direction;
  /** Significance level for the Mann–Whitney test. */
  alpha?: number;
  /** Changes smaller than this (relative) are "no significant change" even when p < α. */
  noiseThreshold?: number;
  bootstrapResamples?: number;
  seed?: number;
}

/**
 * 2,000 resamples, fewer (at least 200) when the samples are so large that sorting them 2,000 times would take
 * seconds: the work stays bounded (about 2·10^8 comparisons) at 10^5 samples per side and beyond.
 */
function defaultResamples(pooled: number): number {
  const perResample = pooled * Math.max(1, Math.log2(pooled));
  return Math.max(200, Math.min(2000, Math.floor(2e8 / perResample)));
}

function resampleMedian(values: readonly number[], random: () => number, scratch: Float64Array): number {
  for (let i = 0; i < values.length; i += 1) scratch[i] = values[Math.floor(random() * values.length)]!;
  scratch.sort();
  return quantileSorted(scratch as unknown as number[], 0.5);
}

/**
 * Compares head with base: relative change of medians with a 95 % percentile-bootstrap CI,
 * the Mann–Whitney p-value, the Hodges–Lehmann shift, and a verdict that needs all three of
 * p < α, the CI excluding zero, and a change beyond the noise threshold.
 */
export function compareSamples(base: readonly number[], head: readonly number[], options: CompareOptions): Comparison {
  const alpha = options.alpha ?? 0.05;
  const noiseThreshold = options.noiseThreshold ?? 0.02;
  const resamples = options.bootstrapResamples ?? defaultResamples(base.length + head.length);
  const baseMedian = medianOf(base);
  const headMedian = medianOf(head);
  if (baseMedian === 0) throw new RangeError('the base median is zero: a relative change is undefined');
  const relativeChange = headMedian / baseMedian - 1;

  const random = seededRandom(options.seed ?? 0x7b3e);
  const ratios = new Float64Array(resamples);
  const baseScratch = new Float64Array(base.length);
  const headScratch = new Float64Array(head.length);
  let kept = 0;
  for (let i = 0; i < resamples; i += 1) {
    const baseResampled = resampleMedian(base, random, baseScratch);
    // A resample whose base median is 0 (CPU times at the clock's resolution, say) has no relative change.
    if (baseResampled !== 0) ratios[kept++] = resampleMedian(head, random, headScratch) / baseResampled - 1;
  }
  const sortedRatios = ratios.subarray(0, Math.max(kept, 1)).sort() as unknown as number[];
  const unbounded = kept < resamples;
  const ci: [number, number] = [quantileSorted(sortedRatios, alpha / 2), quantileSorted(sortedRatios, 1 - alpha / 2)];

  const { pValue } = mannWhitneyU(base, head);
  const significant = pValue < alpha && (ci[0] > 0 || ci[1] < 0) && Math.abs(relativeChange) > noiseThreshold;
  const increased = relativeChange > 0;
  const better = options.direction === 'higher-is-better' ? increased : !increased;
  // With so few values the test can never reach α: "no significant change" would claim what was never testable.
  const floorP = smallestMannWhitneyP(base.length, head.length);
  const untestable = floorP >= alpha || unbounded;
  const why =
    floorP >= alpha
      ? `${base.length} vs ${head.length} values cannot reach p < ${alpha} (the smallest possible p is ${floorP.toPrecision(2)})`
      : `the base's median is 0 in ${resamples - kept} of ${resamples} bootstrap resamples: the relative change has no bounded CI`;
  return {
    relativeChange,
    ci,
    pValue,
    hodgesLehmann: hodgesLehmannShift(base, head),
    verdict: untestable ? 'inconclusive' : significant ? (better ? 'faster' : 'slower') : 'no significant change',
    alpha,
    noiseThreshold,
    basis: 'samples',
    ...(untestable ? { reason: why } : {}),
  };
}

/** The verdict of a change already judged significant or not, given its direction. */
export function directionalVerdict(
  relativeChange: number,
  direction: Direction,
): Extract<Comparison['verdict'], 'faster' | 'slower'> {
  const increased = relativeChange > 0;
  return (direction === 'higher-is-better' ? increased : !increased) ? 'faster' : 'slower';
}

/** Geometric mean of head/base median ratios over many benchmarks (benchstat's summary line). */
export function geometricMeanRatio(ratios: readonly number[]): number {
  if (ratios.length === 0) throw new RangeError('no ratios');
  if (ratios.some((r) => !(r > 0))) throw new RangeError('ratios must be positive');
  return Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
}
