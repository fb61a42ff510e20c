import type { NoiseFloor, Run } from '../../../../shared/schemas/bench';
import type { RunRepository } from '../../store/runs';
import { measuredSettingsKey } from './like-for-like';
import { noiseFloorFromMedians } from './noise-floor';
import { DISTURBANCE_WARNING } from '../noise';

/** The newest runs a floor is learned from: recent enough to describe the machine as it is now. */
const HISTORY_RUNS = 20;
/** How far back to look for them among runs with other settings or disturbed results (summaries only: cheap). */
const SCAN_RUNS = 400;

export interface FloorLookupResult {
  floor: NoiseFloor | null;
  /** Earlier like-for-like, undisturbed runs found (whether or not enough for a floor). */
  historyRuns: number;
}

export type FloorLookup = (benchmarkId: string) => FloorLookupResult;

/**
 * Noise floors for comparing `base` with `head`, learned from the other stored runs of the same kind, on the head's
 * machine, with the same measured settings, whose result for the benchmark was not disturbed. Runs with other
 * settings never contribute; neither do the two runs compared (they are what is being judged).
 */
export function historyFloorLookup(runs: RunRepository, base: Run, head: Run): FloorLookup {
  const key = measuredSettingsKey(head.settings);
  const compared = new Set([base.id, head.id]);
  return (benchmarkId) => {
    const medians = runs
      .benchmarkHistory(head.kind, head.fingerprint, benchmarkId, SCAN_RUNS)
      .filter((row) => !compared.has(row.runId))
      .filter((row) => measuredSettingsKey(row.settings) === key)
      .filter((row) => !row.warnings.some((warning) => DISTURBANCE_WARNING.test(warning)))
      .slice(0, HISTORY_RUNS)
      .map((row) => row.median);
    return { floor: noiseFloorFromMedians(medians), historyRuns: medians.length };
  };
}
