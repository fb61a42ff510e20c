import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../../shared/schemas/bench';
import { api } from '../../api/client';

/** The most recent stored runs of any kind, newest first; each opens on the Benchmarks page. */
export function LatestRuns({ onOpen, refreshKey }: { onOpen: (runId: number) => void; refreshKey: number }) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .bench.runs({ limit: 5 })
      .then((list) => live && setRuns(list))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  if (error) {
    return (
      <p className="error small" role="alert">
        {error}
      </p>
    );
  }
  if (!runs) return <p className="muted">Loading…</p>;
  if (runs.length === 0) return <p className="muted">No runs yet: run a suite on the Benchmarks page.</p>;
  return (
    <table className="data-table" aria-label="Latest runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Results
          </th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <a
                href="#/benchmarks"
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(run.id);
                }}
              >
                #{run.id} {run.name}
              </a>
              {run.baselines.length > 0 ? (
                <span className="muted small"> · baseline {run.baselines.join(', ')}</span>
              ) : null}
            </td>
            <td>{run.kind}</td>
            <td>{run.status}</td>
            <td className="num">{run.benchmarks}</td>
            <td className="small">{new Date(run.startedAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
