import { InvalidArgumentError } from 'commander';
import { RoundsSchema } from '../../shared/schemas/bench';

/** `--rounds k`: a whole number within what the API accepts. */
export function parseRounds(value: string): number {
  const rounds = Number(value);
  if (!RoundsSchema.safeParse(rounds).success) throw new InvalidArgumentError('must be a whole number from 1 to 50');
  return rounds;
}

export const ROUNDS_HELP =
  'rounds: the suite k times, each benchmark in a fresh worker per round, so that separate runs can be compared over them (default: 5 at --level aggressive, otherwise 1)';
