import { jStat } from 'jstat';
import type { NoiseFloor } from '../../../../shared/schemas/bench';

/** Fewer earlier runs than this give no floor: two medians say almost nothing about their spread. */
export const MIN_RUNS_FOR_FLOOR = 3;

/**
 * The between-run noise floor of one benchmark from the medians of earlier separate runs (same machine, same
 * settings, none flagged busy): the 95 % prediction bound for the change between two new runs when nothing
 * changed. On log medians with sample SD s over r runs, the difference of two new runs has SD s·√2, and with s
 * estimated from r − 1 degrees of freedom the bound is t(0.975, r − 1)·s·√2 (wide while r is small, as it should be).
 */
export function noiseFloorFromMedians(medians: readonly number[]): NoiseFloor | null {
  const logs = medians.filter((m) => m > 0 && Number.isFinite(m)).map(Math.log);
  const runs = logs.length;
  if (runs < MIN_RUNS_FOR_FLOOR) return null;
  const mean = logs.reduce((a, b) => a + b, 0) / runs;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (runs - 1);
  const t = jStat.studentt.inv(0.975, runs - 1);
  return { relative: Math.expm1(t * Math.sqrt(2 * variance)), runs };
}
