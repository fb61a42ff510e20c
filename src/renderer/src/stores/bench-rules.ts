import type { BenchmarkResult, Run } from '../../../shared/schemas/bench';

// The curves are shared with the HTML report, so both draw the same numbers.
export { latencyCurve, scalingCurve, type CurvePoint } from '../../../shared/curves';

/** Seconds left, from the elapsed time and the fraction done; null until it means something. */
export function etaSeconds(fractionDone: number, elapsedMs: number): number | null {
  if (fractionDone < 0.05 || elapsedMs < 2000) return null;
  return Math.max(0, Math.round(((elapsedMs / fractionDone) * (1 - fractionDone)) / 1000));
}

/** Primary results only: command runs also store [user]/[sys]/[RSS] series as their own results. */
export function primaryResults(run: Run): BenchmarkResult[] {
  return run.results.filter((r) => !/:(user|sys|rss)$/.test(r.id));
}
