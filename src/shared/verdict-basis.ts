import { formatPercent } from './format-result';
import type { NoiseFloor } from './schemas/bench';

/**
 * What a separate-run verdict rests on, in the same words in the CLI, the reports and the app: the rounds it was
 * tested over ("over 5 rounds"), and the noise floor the change had to clear.
 */
export function roundsText(base: number | undefined, head: number | undefined): string {
  if (base === undefined || head === undefined) return 'over rounds';
  return base === head ? `over ${head} rounds` : `over ${base} vs ${head} rounds`;
}

export function noiseFloorText(floor: NoiseFloor): string {
  return `noise floor ±${formatPercent(floor.relative, false)} from ${floor.runs} runs`;
}
