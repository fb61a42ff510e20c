import { formatValue } from '../../../../shared/format-result';
import type { Run } from '../../../../shared/schemas/bench';
import { StripPlot } from '../../components/charts/StripPlot';
import { primaryResults } from '../../stores/bench-rules';

/** Every result with its unit, median, 95 % CI, sample count, distribution and warnings. */
export function ResultsTable({ run }: { run: Run }) {
  const results = primaryResults(run);
  return (
    <table className="data-table" aria-label={`Results of run ${run.id}`}>
      <thead>
        <tr>
          <th scope="col">Benchmark</th>
          <th scope="col">Median</th>
          <th scope="col">95 % CI</th>
          <th scope="col">n</th>
          <th scope="col">Distribution</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => {
          const s = result.summary;
          const flagged = s.outliers.mild.length + s.outliers.severe.length;
          const extras = Object.entries(result.extras).filter(([key]) => key !== 'compiler');
          return (
            <tr key={result.id}>
              <th scope="row">{result.title}</th>
              <td className="num">{formatValue(s.median, result.unit)}</td>
              <td className="num">
                {s.relativeHalfWidth === null ? 'n < 6' : `± ${(s.relativeHalfWidth * 100).toFixed(1)} %`}
              </td>
              <td className="num">{s.n}</td>
              <td>
                <StripPlot samples={result.samples} summary={s} unit={result.unit} />
              </td>
              <td className="small">
                {extras.map(([key, value]) => (
                  <div key={key}>
                    {key}: {String(value)}
                  </div>
                ))}
                {flagged > 0 ? <div className="muted">{flagged} outliers flagged (kept)</div> : null}
                {result.warnings.map((warning) => (
                  <div key={warning} className="warn">
                    ⚠ {warning}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
        {run.failures.map((failure) => (
          <tr key={failure.id}>
            <th scope="row">{failure.title}</th>
            <td colSpan={5} className="error">
              failed: {failure.error}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
