import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { throughputByBatch, type BatchSeries } from '../../../../shared/curves';
import { figureDigits } from '../../../../shared/format';
import type { Run } from '../../../../shared/schemas/bench';

const COLORS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f'];

/** One row per batch size, two keys per series: its median and its CI as error-bar offsets. */
function chartRows(series: BatchSeries[]): Array<Record<string, number | string | [number, number]>> {
  const batches = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return batches.map((batch) => {
    const row: Record<string, number | string | [number, number]> = { label: `batch ${batch}` };
    series.forEach((s, i) => {
      const point = s.points.find((p) => p.x === batch);
      if (!point) return;
      row[`s${i}`] = point.median;
      row[`s${i}err`] = [point.median - point.low, point.high - point.median];
    });
    return row;
  });
}

/**
 * Inference throughput (items/s, log scale) against batch size, one line per model · precision ·
 * device with the 95 % CI as whiskers; the table under it gives the same numbers with n.
 */
export function ThroughputByBatch({ run }: { run: Run }) {
  const series = throughputByBatch(run);
  if (series.length === 0) return null;
  const title = 'Inference throughput by batch size';
  return (
    <figure className="chart" aria-label={`${title} (items/s)`}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-summary">items/s (log scale), median with 95 % CI</span>
      </figcaption>
      <div
        className="chart-body"
        role="img"
        aria-label={`${title}: ${series.length} series; the table below lists every point`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chartRows(series)} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="label" stroke="var(--muted)" fontSize={11} />
            <YAxis scale="log" domain={['auto', 'auto']} stroke="var(--muted)" fontSize={11} width={56} />
            <Tooltip formatter={(value) => `${figureDigits(Number(value))} items/s`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s, i) => (
              <Line
                key={s.key}
                dataKey={`s${i}`}
                name={s.label}
                stroke={COLORS[i % COLORS.length]}
                strokeWidth={2}
                isAnimationActive={false}
                connectNulls
              >
                <ErrorBar dataKey={`s${i}err`} width={4} stroke={COLORS[i % COLORS.length]} />
              </Line>
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="data-table small" aria-label="Inference throughput by batch size, as a table">
        <thead>
          <tr>
            <th scope="col">model · precision · device</th>
            <th scope="col">batch</th>
            <th scope="col">items/s (median)</th>
            <th scope="col">95 % CI</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((s) =>
            s.points.map((p) => (
              <tr key={`${s.key}:${p.x}`}>
                <td>{s.label}</td>
                <td>{p.x}</td>
                <td>{figureDigits(p.median)}</td>
                <td>
                  {figureDigits(p.low)}–{figureDigits(p.high)}
                </td>
                <td>{p.n}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </figure>
  );
}
