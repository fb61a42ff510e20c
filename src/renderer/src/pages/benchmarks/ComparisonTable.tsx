import { formatPercent, formatValue } from '../../../../shared/format-result';
import type { RunComparison } from '../../../../shared/schemas/bench';

/** benchstat-style: base and head medians, the change with its CI, p-value and verdict. */
export function ComparisonTable({ comparison }: { comparison: RunComparison }) {
  return (
    <>
      <table
        className="data-table"
        aria-label={`Run ${comparison.baseRunId} compared with run ${comparison.headRunId}`}
      >
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col">Base</th>
            <th scope="col">This run</th>
            <th scope="col">Change [95 % CI]</th>
            <th scope="col">p</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => {
            const c = row.comparison;
            return (
              <tr key={row.id}>
                <th scope="row">{row.title}</th>
                <td className="num">
                  {formatValue(row.baseMedian, row.unit)} (n={row.baseN})
                </td>
                <td className="num">
                  {formatValue(row.headMedian, row.unit)} (n={row.headN})
                </td>
                <td className="num">
                  {formatPercent(c.relativeChange)} [{formatPercent(c.ci[0])}, {formatPercent(c.ci[1])}]
                </td>
                <td className="num">{c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3)}</td>
                <td className={`verdict verdict-${c.verdict === 'no significant change' ? 'same' : c.verdict}`}>
                  {c.verdict}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {comparison.geomeanTimeRatio !== null ? (
        <p className="small">
          Geometric mean time ratio {comparison.geomeanTimeRatio.toFixed(3)} (
          {formatPercent(comparison.geomeanTimeRatio - 1)}; below 1 is faster)
        </p>
      ) : null}
      {comparison.onlyInBase.length + comparison.onlyInHead.length > 0 ? (
        <p className="small muted">
          {comparison.onlyInBase.length > 0 ? `Only in the base run: ${comparison.onlyInBase.join(', ')}. ` : ''}
          {comparison.onlyInHead.length > 0 ? `Only in this run: ${comparison.onlyInHead.join(', ')}.` : ''}
        </p>
      ) : null}
      {comparison.warnings.map((warning) => (
        <p key={warning} className="warn small">
          ⚠ {warning}
        </p>
      ))}
    </>
  );
}
