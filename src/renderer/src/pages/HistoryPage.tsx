import { useEffect } from 'react';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { useHistory } from '../stores/history';
import { metricGroup, metricKey, metricRef } from '../stores/history-rules';
import { ComparisonTable } from './benchmarks/ComparisonTable';
import { MetricChart } from './history/MetricChart';
import { RunPicker } from './history/RunPicker';
import { SeriesTable } from './history/SeriesTable';

function MetricPicker() {
  const { metrics, selectedKey, selectMetric } = useHistory();
  const groups = new Map<string, typeof metrics>();
  for (const metric of metrics) {
    const group = metricGroup(metric);
    groups.set(group, [...(groups.get(group) ?? []), metric]);
  }
  return (
    <label className="history-metric">
      Benchmark{' '}
      <select value={selectedKey ?? ''} onChange={(event) => void selectMetric(event.target.value)}>
        {[...groups.entries()].map(([group, list]) => (
          <optgroup key={group} label={group}>
            {list.map((metric) => (
              <option key={metricKey(metricRef(metric))} value={metricKey(metricRef(metric))}>
                {metric.title} ({metric.unit}) · {metric.runs} run{metric.runs === 1 ? '' : 's'}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function Comparison() {
  const { runs, baseRunId, headRunId, comparison } = useHistory();
  const describe = (id: number | null) => {
    const run = runs.find((r) => r.id === id);
    return run ? `#${run.id} ${run.name}${run.machine ? ` (${run.machine})` : ''}` : 'none';
  };
  return (
    <Card title="Compare two runs">
      <p className="small" data-testid="history-compare-choice">
        Base: <strong>{describe(baseRunId)}</strong> · Head (“this run” below): <strong>{describe(headRunId)}</strong>
      </p>
      <RunPicker />
      {comparison ? (
        <ComparisonTable comparison={comparison} />
      ) : (
        <p className="muted small">
          {baseRunId !== null && baseRunId === headRunId
            ? 'Pick two different runs.'
            : 'Pick a base and a head run with results to see the verdict per benchmark.'}
        </p>
      )}
    </Card>
  );
}

export function HistoryPage() {
  const { load, loaded, metrics, series, loadingSeries, error } = useHistory();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page history-page">
      <header className="page-header">
        <div>
          <h1>History</h1>
          <p className="muted">Any benchmark over time, per machine and commit, and any two runs side by side.</p>
        </div>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded && metrics.length === 0 && !error ? (
        <EmptyState title="No stored results yet">
          <p>Run a suite on the Benchmarks page or measure a project: every run is kept and appears here.</p>
        </EmptyState>
      ) : null}
      {metrics.length > 0 ? (
        <Card title="Metric over time" aside={<MetricPicker />}>
          {series ? (
            <>
              <MetricChart series={series} />
              <details className="history-table-toggle" open={series.points.length <= 50}>
                <summary>Table of all {series.points.length} values</summary>
                <SeriesTable series={series} />
              </details>
            </>
          ) : (
            <p className="muted">{loadingSeries ? 'Loading…' : 'Pick a benchmark.'}</p>
          )}
        </Card>
      ) : null}
      {metrics.length > 0 ? <Comparison /> : null}
    </div>
  );
}
