import { CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurvePoint } from '../../stores/bench-rules';

interface Props {
  title: string;
  unit: string;
  points: Array<CurvePoint & { ideal?: number }>;
  logY?: boolean;
  xTitle: string;
  idealLabel?: string;
}

/**
 * A measured curve (median with its 95 % CI as whiskers) over a parameter: working-set size or
 * thread count. The table below the chart gives the same numbers as text.
 */
export function CurveChart({ title, unit, points, logY, xTitle, idealLabel }: Props) {
  const rows = points.map((p) => ({ ...p, err: [p.median - p.low, p.high - p.median] as [number, number] }));
  return (
    <figure className="chart" aria-label={`${title} (${unit})`}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-summary">
          {unit} by {xTitle}
        </span>
      </figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="label" stroke="var(--muted)" fontSize={11} />
            <YAxis
              scale={logY ? 'log' : 'auto'}
              domain={logY ? ['auto', 'auto'] : [0, 'auto']}
              allowDataOverflow={false}
              stroke="var(--muted)"
              fontSize={11}
              width={52}
            />
            <Tooltip formatter={(value) => `${Number(value).toPrecision(3)} ${unit}`} />
            <Line dataKey="median" name="median" stroke="var(--accent)" strokeWidth={2} isAnimationActive={false}>
              <ErrorBar dataKey="err" width={4} stroke="var(--accent)" />
            </Line>
            {idealLabel ? (
              <Line
                dataKey="ideal"
                name={idealLabel}
                stroke="var(--muted)"
                strokeDasharray="4 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="data-table small">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xTitle}</th>
            <th scope="col">median ({unit})</th>
            <th scope="col">95 % CI</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label}>
              <td>{p.label}</td>
              <td>{p.median.toPrecision(3)}</td>
              <td>
                {p.low.toPrecision(3)}–{p.high.toPrecision(3)}
              </td>
              <td>{p.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
