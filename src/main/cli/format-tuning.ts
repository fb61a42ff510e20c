import type { MethodOutput } from '../../shared/contract';
import { figureDigits, signedPercent } from '../../shared/format';
import { candidateSettings, snippetTitles } from '../../shared/tuning-candidate';

type TuneResult = MethodOutput<'bench.tuning'>;
type Best = NonNullable<TuneResult['best']['latency']>;
type Figure = Best['gain']['best'];

const TITLES = {
  latency: 'Latency: p50 of one session.run at batch 1',
  throughput: 'Throughput: inferences per second (batch × 1000 / ms per run)',
} as const;

function figure(f: Figure, unit: string): string {
  const spread = f.spread
    ? ` (${f.spreadKind === 'interquartile range' ? 'IQR' : '95% CI'} ${figureDigits(f.spread[0])}–${figureDigits(f.spread[1])})`
    : '';
  return `${figureDigits(f.median)} ${unit}${spread}, n=${f.n}`;
}

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function describeBest(best: Best): string {
  const c = best.candidate;
  const { gain } = best;
  const pct = (v: number) => signedPercent(v, ' ');
  return [
    TITLES[best.objective],
    `  best:     ${candidateSettings(c)}`,
    `  measured: ${figure(gain.best, gain.unit)}`,
    `  defaults: ${figure(gain.defaults, gain.unit)}`,
    `  gain:     ${gain.factor.toFixed(2)}× (${pct(gain.relativeChange)}, 95% CI ${pct(gain.relativeChangeCi[0])} to ${pct(gain.relativeChangeCi[1])}, Mann–Whitney p=${gain.pValue.toPrecision(2)}): ${gain.verdict}`,
    ...(best.measurement.peakRssMiB !== null
      ? [`  peak RSS through the first inference: ${best.measurement.peakRssMiB.toFixed(1)} MiB (one reading)`]
      : []),
    '',
    `  ${snippetTitles(c).javascript}:`,
    indent(best.snippets.javascript, '    '),
    '',
    `  ${snippetTitles(c).python}:`,
    indent(best.snippets.python, '    '),
  ].join('\n');
}

/** The tuning result for a terminal: best configurations, gains with n and spread, both snippets. */
export function formatTuning(result: TuneResult): string {
  const measured = result.candidates.reduce((sum, c) => sum + c.rounds.length, 0);
  const lines = [
    `Tuned ${result.model} in ${result.elapsedSeconds.toFixed(1)} s (budget ${result.budgetSeconds} s): ${measured} measurements of ${result.candidates.length} configurations`,
    '',
  ];
  for (const objective of result.objectives) {
    const best = result.best[objective];
    lines.push(best ? describeBest(best) : `${TITLES[objective]}: no configuration produced a valid measurement`, '');
  }
  const failed = result.candidates.filter((c) => c.error);
  if (failed.length > 0) {
    lines.push(`Dropped (${failed.length}):`);
    for (const c of failed.slice(0, 10)) lines.push(`  ${c.key}: ${c.error}`);
    if (failed.length > 10) lines.push(`  … and ${failed.length - 10} more (see the JSON)`);
    lines.push('');
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n').trimEnd();
}
