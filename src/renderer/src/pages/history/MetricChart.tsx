import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatValue } from '../../../../shared/format-result';
import type { HistorySeries } from '../../../../shared/schemas/history';
import { machineSeries, seriesSummary, shownCount, shortCommit, type ChartPoint } from '../../stores/history-rules';

const LABELS_UP_TO = 24;
const TICK_FORMAT = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });
const DOTS_UP_TO = 300;

function day(t: number): string {
  return new Date(t).toLocaleDateString([], { month: 'short', day: 'numeric' });
}

function PointTooltip({
  active,
  payload,
  unit,
}: {
  active?: boolean;
  payload?: Array<{ payload?: ChartPoint }>;
  unit: string;
}) {
  const point = payload?.find((entry) => entry.payload)?.payload;
  if (!active || !point) return null;
  return (
    <div className="history-tooltip">
      <strong>Run #{point.runId}</strong> · {new Date(point.t).toLocaleString()}
      <br />
      {point.machine ?? point.fingerprint.slice(0, 8)}
      {point.commit ? ` · commit ${shortCommit(point.commit)}${point.dirty ? ' (dirty)' : ''}` : ''}
      <br />
      median {formatValue(point.median, unit)}
      {point.band ? ` [${formatValue(point.band[0], unit)} – ${formatValue(point.band[1], unit)}]` : ' (no CI)'} · n=
      {point.n}
    </div>
  );
}

/**
 * A metric's median per run over time: one line per machine with its 95 % CI as a band, points
 * labelled by commit when few enough. Beyond ~2,000 points the line is thinned with LTTB for
 * display only; the table next to it lists every value.
 */
export function MetricChart({ series: data }: { series: HistorySeries }) {
  const { metric, points } = data;
  const series = useMemo(() => machineSeries(points), [points]);
  const shown = shownCount(series);
  const summary = seriesSummary(metric, series, (v) => formatValue(v, metric.unit));
  const labelled = shown <= LABELS_UP_TO && points.some((p) => p.commit);
  return (
    <figure className="chart history-chart" aria-label={`${metric.title} over time (${metric.unit})`}>
      <figcaption>
        <span className="chart-title">
          {metric.title} <span className="muted">({metric.unit})</span>
        </span>
        <span className="chart-summary" data-testid="history-chart-count">
          {shown < points.length ? `${shown} of ${points.length} points drawn (LTTB)` : `${points.length} runs`} ·{' '}
          {series.length} machine{series.length === 1 ? '' : 's'}
        </span>
      </figcaption>
      <div className="chart-body history-chart-body" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 16, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={day}
              stroke="var(--muted)"
              fontSize={11}
              allowDuplicatedCategory={false}
            />
            <YAxis
              domain={['auto', 'auto']}
              stroke="var(--muted)"
              fontSize={11}
              width={64}
              tickFormatter={(v: number) => TICK_FORMAT.format(v)}
            />
            <Tooltip content={<PointTooltip unit={metric.unit} />} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Area
                key={`${s.fingerprint}-band`}
                data={s.shown}
                dataKey="band"
                name={`${s.label} (95 % CI)`}
                stroke="none"
                fill={s.color}
                fillOpacity={0.16}
                isAnimationActive={false}
                legendType="none"
                activeDot={false}
              />
            ))}
            {series.map((s) => (
              <Line
                key={`${s.fingerprint}-median`}
                data={s.shown}
                dataKey="median"
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={s.shown.length <= DOTS_UP_TO ? { r: 2.5 } : false}
                isAnimationActive={false}
              >
                {labelled ? (
                  <LabelList
                    dataKey={(p: ChartPoint) => shortCommit(p.commit) ?? ''}
                    position="top"
                    fontSize={10}
                    fill="var(--muted)"
                  />
                ) : null}
              </Line>
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="visually-hidden">{summary}</p>
    </figure>
  );
}
