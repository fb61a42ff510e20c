import type { BenchmarkResult, Comparison, Run } from '../../../shared/schemas/bench';
import { compareSamples } from './compare';

/** One command against the fastest of its run, hyperfine's summary with Tunebench's statistics. */
export interface CommandComparison {
  fastest: { id: string; title: string };
  other: { id: string; title: string };
  /** other's median / fastest's median: "1.13 times faster". */
  ratio: number;
  /** other relative to the fastest (base = fastest), interleaved in the same workers, so tested over samples. */
  comparison: Comparison;
}

/** The timed commands of a command run: not their [user CPU], [system CPU] and peak RSS series. */
export function primaryCommandResults(run: Run): BenchmarkResult[] {
  return run.results.filter((result) => !/:(user|sys|rss)$/.test(result.id));
}

/**
 * Every command of a `bench run --vs` against the fastest. The commands ran interleaved (A B B A …) in the same
 * workers, so machine state is shared and the samples are the right replicates; a comparison that too few samples
 * cannot decide says so (inconclusive).
 */
export function compareCommands(run: Run): CommandComparison[] {
  const primaries = primaryCommandResults(run);
  if (primaries.length < 2) return [];
  const fastest = [...primaries].sort((a, b) => a.summary.median - b.summary.median)[0]!;
  return primaries
    .filter((other) => other !== fastest)
    .map((other) => ({
      fastest: { id: fastest.id, title: fastest.title },
      other: { id: other.id, title: other.title },
      ratio: other.summary.median / fastest.summary.median,
      comparison: compareSamples(fastest.samples, other.samples, { direction: 'lower-is-better' }),
    }));
}
