import { formatPercent, formatValue } from '../../../shared/format-result';
import type { AppliedChange, Finding, MetricVerdict, OverallVerdict } from '../../../shared/schemas/tune';
import { EFFORT_WEIGHT } from '../tune/learn/ranking';

/** Text shared by the Markdown, HTML and CSV renderings of a project's recommendations. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Sizes keep four significant digits: a 1 % smaller binary must not read as the same size. */
export function metricValue(value: number, unit: string): string {
  if (unit !== 'B') return formatValue(value, unit);
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1024 && index < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    index += 1;
  }
  return index === 0 ? `${Math.round(scaled)} B` : `${scaled.toPrecision(4)} ${BYTE_UNITS[index]}`;
}

/** The 95 % CI of the relative change, or "exact" for deterministic metrics (sizes, n = 1). */
export function changeCi(m: MetricVerdict): string {
  return m.pValue === null ? 'exact' : `[${formatPercent(m.ciLow)}, ${formatPercent(m.ciHigh)}]`;
}

export function pText(p: number | null): string {
  if (p === null) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export const METRIC_VERDICT_LABEL: Record<MetricVerdict['verdict'], string> = {
  better: 'better',
  worse: 'worse',
  same: 'no significant change',
  inconclusive: 'inconclusive',
};

export const OVERALL_LABEL: Record<OverallVerdict, string> = {
  improved: 'improved',
  'no-change': 'no change',
  inconclusive: 'inconclusive',
  regressed: 'regressed',
  'broke-build': 'broke the build',
  'broke-tests': 'broke the tests',
};

/**
 * Red for what must not be kept (a regression, a broken build or test suite), green for a gain;
 * inconclusive is neither (the renderings mark it amber where they can, with its reason).
 */
export function overallTone(verdict: OverallVerdict): 'good' | 'bad' | 'neutral' {
  if (verdict === 'improved') return 'good';
  if (verdict === 'no-change' || verdict === 'inconclusive') return 'neutral';
  return 'bad';
}

/** "2.40 points": the expected gain the list is ranked by, in points of relative effect. */
export function gainPoints(finding: Finding): string {
  return `${(finding.ranking.expectedGain * 100).toFixed(2)} points`;
}

/** "P 0.62 [0.31–0.88] × effect 8.0 % ÷ effort 2 (medium)": how the expected gain comes about. */
export function gainFormula(finding: Finding): string {
  const r = finding.ranking;
  return `P(improves) ${r.pImprove.toFixed(2)} [90 %: ${r.pLow.toFixed(2)}–${r.pHigh.toFixed(2)}] × effect ${formatPercent(r.effect, false)} ÷ effort ${EFFORT_WEIGHT[finding.rule.effort]} (${finding.rule.effort})`;
}

/** Where the first piece of evidence is: "Cargo.toml:12". */
export function evidenceWhere(finding: Finding): string {
  const first = finding.evidence[0];
  return first ? `${first.file}${first.line ? `:${first.line}` : ''}` : finding.dir || '(project)';
}

export function testsLine(change: AppliedChange): string | null {
  const tests = change.verification?.tests;
  if (!tests) return null;
  if (!tests.ran) return 'tests not run';
  const command = tests.command ? ` (${tests.command})` : '';
  return tests.passed === true ? `tests passed${command}` : `tests failed${command}`;
}
