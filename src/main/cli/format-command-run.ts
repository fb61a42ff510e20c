import type { BenchmarkResult, Run } from '../../shared/schemas/bench';
import { formatValue } from '../../shared/format-result';
import { compareCommands, primaryCommandResults } from '../core/bench/command-comparisons';

function byId(run: Run): Map<string, BenchmarkResult> {
  return new Map(run.results.map((result) => [result.id, result]));
}

/** hyperfine-like output: time with CI, user/system CPU, range, runs, peak RSS, then the relative summary. */
export function formatCommandRun(run: Run): string {
  const results = byId(run);
  const primaries = primaryCommandResults(run);
  const lines: string[] = [];
  for (const primary of primaries) {
    const s = primary.summary;
    const user = results.get(`${primary.id}:user`)?.summary.median;
    const sys = results.get(`${primary.id}:sys`)?.summary.median;
    const rss = results.get(`${primary.id}:rss`)?.summary;
    const ci = s.relativeHalfWidth === null ? 'no CI (n<6)' : `± ${(s.relativeHalfWidth * 100).toFixed(1)} %`;
    lines.push(`Benchmark: ${primary.title}`);
    lines.push(
      `  Time (median ${ci}):  ${formatValue(s.median, 'ms')}${user !== undefined ? `   [User: ${formatValue(user, 'ms')}, System: ${formatValue(sys ?? 0, 'ms')}]` : ''}`,
    );
    lines.push(
      `  Range (min … max):    ${formatValue(s.min, 'ms')} … ${formatValue(s.max, 'ms')}    ${s.n} runs (stopped: ${primary.stopReason})`,
    );
    if (rss)
      lines.push(
        `  Peak RSS:             ${formatValue(rss.median, 'MiB')} median, ${formatValue(rss.max, 'MiB')} max`,
      );
    const outliers = s.outliers.mild.length + s.outliers.severe.length;
    if (outliers > 0)
      lines.push(
        `  ⚠ ${outliers} statistical outliers (flagged, kept): consider a quieter machine or more warm-up runs`,
      );
    for (const warning of primary.warnings) lines.push(`  ⚠ ${warning}`);
    lines.push('');
  }
  const comparisons = compareCommands(run);
  if (comparisons.length > 0) {
    lines.push('Summary');
    lines.push(`  ${comparisons[0]!.fastest.title} ran`);
    for (const { other, ratio, comparison } of comparisons) {
      const p = comparison.pValue < 0.001 ? '< 0.001' : `= ${comparison.pValue.toFixed(3)}`;
      const verdict =
        comparison.verdict === 'inconclusive'
          ? `, inconclusive: ${comparison.reason ?? 'cannot be decided'}`
          : comparison.verdict === 'no significant change'
            ? ', not significant'
            : '';
      lines.push(
        `    ${ratio.toFixed(2)} times faster than ${other.title} (95 % CI ${(1 + comparison.ci[0]).toFixed(2)}–${(1 + comparison.ci[1]).toFixed(2)}, p ${p}${verdict})`,
      );
    }
  }
  for (const failure of run.failures) lines.push(`✗ ${failure.title}: ${failure.error}`);
  return lines.join('\n').trimEnd();
}
