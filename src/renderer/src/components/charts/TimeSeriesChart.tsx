import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { thinForDisplay } from './thin-rows';

/** About two pixels per point on a wide chart: more is drawn work the eye cannot see at 10 Hz. */
const MAX_POINTS = 240;

export interface Series {
  key: string;
  label: string;
  color: string;
  width?: number;
}

interface Props<Row extends { t: number }> {
  title: string;
  unit: string;
  rows: Row[];
  series: Series[];
  yDomain?: [number | 'auto', number | 'auto'];
  /** Latest values as text: the chart's accessible alternative and a glanceable readout. */
  summary: string;
}

function clock(t: number): string {
  return new Date(t).toLocaleTimeString([], { hour12: false });
}

/**
 * A live line chart (recharts) with a fixed height so arriving data never shifts the layout,
 * animations off (they lag a 10 Hz stream), and a text summary for screen readers.
 */
export function TimeSeriesChart<Row extends { t: number }>({
  title,
  unit,
  rows,
  series,
  yDomain,
  summary,
}: Props<Row>) {
  const keys = series.map((s) => s.key).join('\u0000');
  const shown = useMemo(() => thinForDisplay(rows, keys.split('\u0000'), MAX_POINTS), [rows, keys]);
  return (
    <figure className="chart" aria-label={`${title} (${unit})`}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-summary" aria-live="off">
          {summary}
        </span>
      </figcaption>
      <div className="chart-body" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={shown} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis
              dataKey="t"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={clock}
              stroke="var(--muted)"
              fontSize={11}
            />
            <YAxis
              domain={yDomain ?? ['auto', 'auto']}
              stroke="var(--muted)"
              fontSize={11}
              width={48}
              unit={unit === '%' ? '%' : ''}
            />
            <Tooltip
              labelFormatter={(t) => clock(Number(t))}
              formatter={(value) => `${Number(value).toFixed(1)} ${unit}`}
            />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={s.width ?? 1.5}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
