import type { MethodOutput } from '../../shared/contract';
import { figureDigits, signedPercent } from '../../shared/format';
import { candidateSettings, snippetTitles } from '../../shared/tuning-candidate';

type TuneResult = MethodOutput<'bench.tuning'>;
type Best = NonNullable<TuneResult['best']['latency']>;
type Gain = Best['gain'];
type Figure = Gain['best'];

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

/** How the gain was measured, in one sentence: the confirmation A/B, or why there is none. */
export function gainBasis(gain: Gain): string {
  if (gain.basis === 'confirmation A/B') {
    const rounds = gain.confirmation ? `, ${gain.confirmation.rounds} alternating rounds per side` : '';
    return `gain measured in a separate interleaved A/B after the search (n = ${gain.best.n}/${gain.defaults.n} winner/defaults${rounds}), not on the samples that chose the winner`;
  }
  if (gain.verdict === 'the defaults were best') return 'the defaults won the search: there is no gain to confirm';
  // A failed confirmation, or a result written before the confirmation existed.
  return 'gain measured on the samples that chose the winner (no confirmation A/B): it favours the winner';
}

/** What the search saw in the round that chose the winner, labelled as such; null when there is nothing to add. */
function selectionLine(gain: Gain): string | null {
  if (!gain.selection || gain.basis !== 'confirmation A/B') return null;
  const { best, defaults, factor } = gain.selection;
  return `the search saw ${factor.toFixed(2)}× (${figureDigits(best.median)} vs ${figureDigits(defaults.median)} ${gain.unit}, n=${best.n}/${defaults.n}) in the round that chose the winner`;
}

function describeBest(best: Best): string {
  const c = best.candidate;
  const { gain } = best;
  const selection = selectionLine(gain);
  const pct = (v: number) => signedPercent(v, ' ');
  return [
    TITLES[best.objective],
    `  best:     ${candidateSettings(c)}`,
    `  measured: ${figure(gain.best, gain.unit)}`,
    `  defaults: ${figure(gain.defaults, gain.unit)}`,
    `  gain:     ${gain.factor.toFixed(2)}× (${pct(gain.relativeChange)}, 95% CI ${pct(gain.relativeChangeCi[0])} to ${pct(gain.relativeChangeCi[1])}, Mann–Whitney p=${gain.pValue.toPrecision(2)}): ${gain.verdict}${gain.reason ? ` (${gain.reason})` : ''}`,
    `            ${gainBasis(gain)}`,
    ...(selection ? [`            ${selection}`] : []),
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
  const confirming = Object.values(result.best).reduce((sum, b) => sum + 2 * (b.gain.confirmation?.rounds ?? 0), 0);
  const lines = [
    `Tuned ${result.model} in ${result.elapsedSeconds.toFixed(1)} s (budget ${result.budgetSeconds} s): ${measured} measurements of ${result.candidates.length} configurations${confirming > 0 ? `, then ${confirming} in confirmation A/Bs` : ''}`,
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
