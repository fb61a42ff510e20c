import { useEffect } from 'react';
import { Card } from '../components/Card';
import { CurveChart } from '../components/charts/CurveChart';
import { EmptyState } from '../components/EmptyState';
import { ExportButtons } from '../components/ExportButtons';
import { useBench } from '../stores/bench';
import { latencyCurve, scalingCurve } from '../stores/bench-rules';
import { ComparisonTable } from './benchmarks/ComparisonTable';
import { InferenceMatrix } from './benchmarks/InferenceMatrix';
import { InferencePicker } from './benchmarks/InferencePicker';
import { JobProgress } from './benchmarks/JobProgress';
import { PresetPicker } from './benchmarks/PresetPicker';
import { ResultsTable } from './benchmarks/ResultsTable';
import { ThroughputByBatch } from './benchmarks/ThroughputByBatch';

export function BenchmarksPage() {
  const { load, runs, selected, select, compare, compareWith, comparison, error } = useBench();
  useEffect(() => {
    void load();
  }, [load]);
  const latency = selected ? latencyCurve(selected) : [];
  const scaling = selected ? scalingCurve(selected) : [];
  const others = runs.filter((run) => run.id !== selected?.id && run.benchmarks > 0);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Benchmarks</h1>
          <p className="muted">
            CPU kernels, memory, compression and JS-engine work, with every sample and its spread.
          </p>
        </div>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="grid">
        <PresetPicker />
        <Card title="History">
          {runs.length === 0 ? (
            <p className="muted">No runs yet. Start with Quick: about a minute.</p>
          ) : (
            <ul className="run-list" aria-label="Stored runs">
              {runs.slice(0, 12).map((run) => (
                <li key={run.id}>
                  <button
                    type="button"
                    aria-current={selected?.id === run.id ? 'true' : undefined}
                    onClick={() => void select(run.id)}
                  >
                    #{run.id} {run.name} · {new Date(run.startedAt).toLocaleString()} · {run.status}
                    {run.baselines.length > 0 ? ` · baseline ${run.baselines.join(', ')}` : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {/* Full width: after the two narrow cards, so that they share the first row. */}
        <InferencePicker />
      </div>
      <JobProgress />
      {selected ? (
        <>
          <Card
            title={`Run #${selected.id}: ${selected.name}`}
            aside={
              <label>
                Compare with{' '}
                <select
                  aria-label="Compare with an earlier run"
                  value={compareWith ?? ''}
                  onChange={(e) => void compare(e.target.value ? Number(e.target.value) : null)}
                >
                  <option value="">—</option>
                  {others.map((run) => (
                    <option key={run.id} value={run.id}>
                      #{run.id} {run.name}
                    </option>
                  ))}
                </select>
              </label>
            }
          >
            <p className="muted small">
              {selected.status} · {selected.settings.level} precision · started{' '}
              {new Date(selected.startedAt).toLocaleString()}
            </p>
            {selected.warnings.map((w) => (
              <p key={w} className="warn small">
                ⚠ {w}
              </p>
            ))}
            {selected.kind === 'inference' && !comparison ? <InferenceMatrix run={selected} /> : null}
            {selected.kind === 'inference' && !comparison ? <ThroughputByBatch run={selected} /> : null}
            {comparison ? <ComparisonTable comparison={comparison} /> : <ResultsTable run={selected} />}
            <ExportButtons
              runIds={comparison ? [comparison.baseRunId, comparison.headRunId] : [selected.id]}
              compare={comparison !== null}
            />
          </Card>
          {latency.length > 1 || scaling.length > 1 ? (
            <Card title="Curves">
              <div className="charts">
                {latency.length > 1 ? (
                  <CurveChart
                    title="Memory latency by working set"
                    unit="ns"
                    points={latency}
                    logY
                    xTitle="working set"
                  />
                ) : null}
                {scaling.length > 1 ? (
                  <CurveChart
                    title="GEMM thread scaling"
                    unit="GFLOP/s"
                    points={scaling}
                    xTitle="threads"
                    idealLabel="linear from 1 thread"
                  />
                ) : null}
              </div>
            </Card>
          ) : null}
        </>
      ) : runs.length === 0 ? (
        <EmptyState title="No results yet">
          Pick a preset above. Results, distributions and charts appear here.
        </EmptyState>
      ) : null}
    </div>
  );
}
