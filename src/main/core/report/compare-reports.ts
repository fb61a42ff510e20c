import type { BenchmarkResult, Run, RunComparison } from '../../../shared/schemas/bench';
import type { Report } from '../../../shared/schemas/report';
import { compareRuns, type CompareRunsOptions } from '../bench/compare-runs';

/** All results of all runs of a report as one run (later runs win for a repeated id). */
function flatten(report: Report, label: string): { run: Run; warnings: string[] } {
  const byId = new Map<string, BenchmarkResult>();
  const warnings: string[] = [];
  for (const run of report.runs) {
    for (const result of run.results) {
      if (byId.has(result.id))
        warnings.push(`${label}: benchmark ${result.id} appears in several runs; the last one is used`);
      byId.set(result.id, result);
    }
  }
  const first = report.runs[0];
  if (!first) throw new RangeError(`${label} contains no runs`);
  return {
    run: {
      ...first,
      fingerprint: report.machine?.fingerprint ?? first.fingerprint,
      results: [...byId.values()],
    },
    warnings,
  };
}

/**
 * benchstat-style comparison of two reports (or run exports), with a loud warning across machines. Reports carry
 * no history, so only rounds decide (or `floors`, when the caller has this machine's history).
 */
export function compareReports(base: Report, head: Report, options: CompareRunsOptions = {}): RunComparison {
  const b = flatten(base, 'base');
  const h = flatten(head, 'head');
  const comparison = compareRuns(b.run, h.run, options);
  return { ...comparison, warnings: [...comparison.warnings, ...b.warnings, ...h.warnings] };
}
