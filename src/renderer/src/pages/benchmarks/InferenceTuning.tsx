import { CopyButton } from '../../components/CopyButton';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { figureDigits, signedPercent } from '../../../../shared/format';
import { candidateSettings, snippetTitles } from '../../../../shared/tuning-candidate';
import { api } from '../../api/client';
import { Card } from '../../components/Card';
import { ParetoScatter, type TradeoffPoint } from '../../components/charts/ParetoScatter';
import { useBench } from '../../stores/bench';

type TuneResult = MethodOutput<'bench.tuning'>;
type Best = NonNullable<TuneResult['best']['latency']>;
type Objective = 'latency' | 'throughput' | 'both';

const MODELS = ['mlp', 'cnn', 'mobilenet', 'transformer'] as const;
// Inline, as styles.css is shared: a snippet scrolls inside its card instead of overflowing it.
const SNIPPET_STYLE = { overflowX: 'auto', maxWidth: '100%', fontSize: 12 } as const;

const describe = (c: Best['candidate']): string => candidateSettings(c, ' · ');

/** Starts a tuning job, follows it like a suite (progress card, cancel) and loads its result when it ends. */
export function useInferenceTuning() {
  const { attach } = useBench();
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<TuneResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  useEffect(() => {
    if (!jobId) return;
    return api().events['job.progress']((progress) => {
      if (progress.jobId !== jobId) return;
      if (progress.kind === 'failed') setError(progress.error);
      if (progress.kind === 'done') {
        api()
          .bench.tuning({ jobId })
          .then(setResult)
          .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
      }
    });
  }, [jobId]);
  const start = async (model: string, objective: Objective, budgetSeconds: number) => {
    try {
      setError(null);
      setResult(null);
      const started = await api().bench.tuneInference({ model, objective, budgetSeconds });
      setSkipped(started.skipped);
      setJobId(started.jobId);
      attach(started.jobId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return { start, result, error, skipped };
}

/** Tunes one model: a built-in one (in its three precisions) or a pretrained one (as shipped, FP32). */
export function TuneControls({
  disabled,
  pretrained = [],
  onStart,
}: {
  disabled: boolean;
  /** Pretrained models that can run here, by ref ("pretrained:silero-vad"). */
  pretrained?: Array<{ ref: string; title: string }>;
  onStart: (model: string, objective: Objective, budgetSeconds: number) => void;
}) {
  const [model, setModel] = useState<string>('builtin:mlp');
  const [objective, setObjective] = useState<Objective>('both');
  const [budget, setBudget] = useState(30);
  return (
    <form
      className="toolbar"
      aria-label="Auto-tune inference settings"
      onSubmit={(e) => {
        e.preventDefault();
        onStart(model, objective, budget);
      }}
    >
      <label>
        Model{' '}
        <select value={model} onChange={(e) => setModel(e.target.value)}>
          <optgroup label="Built-in">
            {MODELS.map((m) => (
              <option key={m} value={`builtin:${m}`}>
                {m}
              </option>
            ))}
          </optgroup>
          {pretrained.length > 0 ? (
            <optgroup label="Pretrained (FP32 as shipped)">
              {pretrained.map((m) => (
                // The short id: a long title would widen the select and the whole toolbar.
                <option key={m.ref} value={m.ref} title={m.title}>
                  {m.ref.replace(/^pretrained:/, '')}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label>
        Objective{' '}
        <select value={objective} onChange={(e) => setObjective(e.target.value as Objective)}>
          <option value="both">latency and throughput</option>
          <option value="latency">latency</option>
          <option value="throughput">throughput</option>
        </select>
      </label>
      <label>
        Budget (s){' '}
        <input
          type="number"
          min={2}
          max={3600}
          value={budget}
          onChange={(e) => setBudget(Number(e.target.value))}
          style={{ width: '5em' }}
        />
      </label>
      <button type="submit" disabled={disabled}>
        Tune
      </button>
    </form>
  );
}

/** How the gain was measured (the CLI says the same): the confirmation A/B, or why there is none. */
function gainBasis(gain: Best['gain']): string {
  if (gain.basis === 'confirmation A/B') {
    const rounds = gain.confirmation ? `, ${gain.confirmation.rounds} alternating rounds per side` : '';
    return `Gain measured in a separate interleaved A/B after the search (n = ${gain.best.n}/${gain.defaults.n} winner/defaults${rounds}), not on the samples that chose the winner.`;
  }
  if (gain.verdict === 'the defaults were best') return 'The defaults won the search: there is no gain to confirm.';
  // A failed confirmation, or a result written before the confirmation existed.
  return 'Gain measured on the samples that chose the winner (no confirmation A/B): it favours the winner.';
}

function BestCard({ best }: { best: Best }) {
  const { gain } = best;
  const spread = (f: Best['gain']['best']) =>
    f.spread
      ? ` (${f.spreadKind === 'interquartile range' ? 'IQR' : '95 % CI'} ${figureDigits(f.spread[0])}–${figureDigits(f.spread[1])})`
      : '';
  const title = best.objective === 'latency' ? 'Best for latency' : 'Best for throughput';
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      <p className="small">{describe(best.candidate)}</p>
      <p>
        <strong>{gain.factor.toFixed(2)}×</strong> {gain.metric}: {figureDigits(gain.best.median)} {gain.unit}
        {spread(gain.best)}, n={gain.best.n} vs defaults {figureDigits(gain.defaults.median)} {gain.unit}
        {spread(gain.defaults)}, n={gain.defaults.n}
      </p>
      <p className="small muted">
        change {signedPercent(gain.relativeChange)} (95 % CI {signedPercent(gain.relativeChangeCi[0])} to{' '}
        {signedPercent(gain.relativeChangeCi[1])}), Mann–Whitney p={gain.pValue.toPrecision(2)}: {gain.verdict}
        {gain.reason ? ` (${gain.reason})` : ''}
        {best.measurement.peakRssMiB !== null
          ? ` · peak RSS through the first inference ${best.measurement.peakRssMiB.toFixed(1)} MiB (one reading)`
          : ''}
      </p>
      <p className="small muted">
        {gainBasis(gain)}
        {gain.selection && gain.basis === 'confirmation A/B'
          ? ` What the search saw in the round that chose the winner: ${gain.selection.factor.toFixed(2)}× (${figureDigits(gain.selection.best.median)} vs ${figureDigits(gain.selection.defaults.median)} ${gain.unit}, n=${gain.selection.best.n}/${gain.selection.defaults.n}).`
          : ''}
      </p>
      <h4 className="small">
        {snippetTitles(best.candidate).javascript}{' '}
        <CopyButton text={best.snippets.javascript} label={`Copy the JavaScript snippet (${title})`} />
      </h4>
      <pre tabIndex={0} aria-label={`JavaScript snippet, ${title}`} style={SNIPPET_STYLE}>
        {best.snippets.javascript}
      </pre>
      <h4 className="small">
        {snippetTitles(best.candidate).python}{' '}
        <CopyButton text={best.snippets.python} label={`Copy the Python snippet (${title})`} />
      </h4>
      <pre tabIndex={0} aria-label={`Python snippet, ${title}`} style={SNIPPET_STYLE}>
        {best.snippets.python}
      </pre>
    </section>
  );
}

function points(result: TuneResult): TradeoffPoint[] {
  const bestKeys = new Set(Object.values(result.best).map((b) => `${b.objective}:${b.key}`));
  return result.candidates
    .filter((c) => c.measurement !== null && c.error === null)
    .map((c) => ({
      id: `${c.objective}:${c.key}`,
      label: `${c.objective}: ${c.key}`,
      latencyMs: c.measurement!.p50Ms,
      latencyCi: c.measurement!.p50CiMs,
      throughput: c.measurement!.throughput,
      throughputIqr: c.measurement!.throughputIqr,
      n: c.measurement!.n,
      isDefault: c.isDefault,
      isBest: bestKeys.has(`${c.objective}:${c.key}`),
    }));
}

/** The tuning outcome: the trade-off chart of every measured configuration and one card per objective. */
export function TuningResults({ result }: { result: TuneResult }) {
  const dropped = result.candidates.filter((c) => c.error !== null);
  return (
    <Card title={`Tuning: ${result.model}`}>
      <p className="small muted">
        {result.candidates.length} configurations measured in {result.elapsedSeconds.toFixed(1)} s (budget{' '}
        {result.budgetSeconds} s) by successive halving; the defaults were measured in every round, and each winner's
        gain again in an A/B after the search.
      </p>
      <div>
        {result.objectives.map((objective) => {
          const best = result.best[objective];
          return best ? (
            <BestCard key={objective} best={best} />
          ) : (
            <p key={objective} className="warn">
              {objective}: no configuration produced a valid measurement
            </p>
          );
        })}
      </div>
      <ParetoScatter points={points(result)} />
      {dropped.length > 0 ? (
        <p className="small muted">Dropped: {dropped.map((c) => `${c.key} (${c.error})`).join('; ')}</p>
      ) : null}
      {/* Devices not tuned on are already listed under the Tune button. */}
      {result.notes
        .filter((note) => !note.startsWith('not tuned on'))
        .map((note) => (
          <p key={note} className="note small">
            {note}
          </p>
        ))}
    </Card>
  );
}
