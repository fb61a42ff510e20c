import { CartesianGrid, ErrorBar, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Effort, Risk } from '../../../../shared/schemas/tune';

export interface MatrixPoint {
  id: string;
  title: string;
  effort: Effort;
  risk: Risk;
  /** Expected effect × P(improves), as a fraction (0.02 = 2 %). */
  value: number;
  /** The same through the 90 % interval of P(improves). */
  low: number;
  high: number;
}

interface Props {
  points: MatrixPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const EFFORT_X: Record<Effort, number> = { low: 1, medium: 2, high: 3 };
const EFFORT_LABEL = ['', 'low', 'medium', 'high'];
const RISK_COLOR: Record<Risk, string> = { safe: 'var(--ok)', review: 'var(--unknown)', risky: 'var(--error)' };

interface Row extends MatrixPoint {
  x: number;
  y: number;
  err: [number, number];
}

/** Points of the same effort spread sideways a little, so equal findings do not hide each other. */
function rows(points: MatrixPoint[]): Row[] {
  const byEffort = new Map<Effort, MatrixPoint[]>();
  for (const point of points) byEffort.set(point.effort, [...(byEffort.get(point.effort) ?? []), point]);
  return points.map((point) => {
    const group = byEffort.get(point.effort)!;
    const index = group.indexOf(point);
    const spread = group.length > 1 ? ((index / (group.length - 1)) * 2 - 1) * Math.min(0.3, 0.06 * group.length) : 0;
    const y = point.value * 100;
    return {
      ...point,
      x: EFFORT_X[point.effort] + spread,
      y,
      err: [Math.max(0, y - point.low * 100), Math.max(0, point.high * 100 - y)],
    };
  });
}

function pct(value: number): string {
  return `${value.toFixed(1)}\u00a0%`;
}

/**
 * Impact against effort: one point per finding, expected effect × P(improves) up, effort across,
 * coloured by risk, with the 90 % interval as whiskers. Top left is where to start. The table
 * underneath says the same for screen readers.
 */
export function ImpactEffortMatrix({ points, selectedId, onSelect }: Props) {
  const data = rows(points);
  const best = [...points].sort((a, b) => b.value / EFFORT_X[b.effort] - a.value / EFFORT_X[a.effort])[0];
  const summary =
    points.length === 0
      ? 'no findings'
      : `${points.length} findings; the best ratio of expected effect to effort: ${best!.title} (${pct(best!.value * 100)}, ${best!.effort} effort)`;
  return (
    <figure className="chart matrix" aria-label="Impact and effort of the findings (expected effect × P, %)">
      <figcaption>
        <span className="chart-title">Impact / effort</span>
        <span className="chart-summary">y: expected effect × P (%), whiskers: 90 % interval</span>
      </figcaption>
      <div className="chart-body" role="img" aria-label={`Impact and effort matrix: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis
              type="number"
              dataKey="x"
              name="effort"
              domain={[0.5, 3.5]}
              ticks={[1, 2, 3]}
              tickFormatter={(value: number) => `${EFFORT_LABEL[Math.round(value)] ?? ''} effort`}
              stroke="var(--muted)"
              fontSize={11}
            />
            <YAxis
              type="number"
              dataKey="y"
              name="expected effect × P"
              unit=" %"
              domain={[0, 'auto']}
              stroke="var(--muted)"
              fontSize={11}
              width={52}
            />
            <Tooltip
              cursor={false}
              content={({ active, payload }) => {
                const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
                if (!row) return null;
                return (
                  <div className="matrix-tip">
                    <strong>{row.title}</strong>
                    <div>
                      {pct(row.y)} expected (90 %: {pct(row.low * 100)}–{pct(row.high * 100)}) · {row.effort} effort ·{' '}
                      {row.risk}
                    </div>
                  </div>
                );
              }}
            />
            <Scatter
              data={data}
              isAnimationActive={false}
              onClick={(point) => {
                const id = (point as { payload?: Row }).payload?.id;
                if (id) onSelect(id);
              }}
              shape={(props: { cx?: number; cy?: number; payload?: Row }) => {
                const row = props.payload;
                if (props.cx === undefined || props.cy === undefined || !row) return <g />;
                const selected = row.id === selectedId;
                return (
                  <circle
                    cx={props.cx}
                    cy={props.cy}
                    r={selected ? 8 : 6}
                    fill={RISK_COLOR[row.risk]}
                    fillOpacity={selected ? 1 : 0.75}
                    stroke={selected ? 'var(--text)' : 'var(--panel)'}
                    strokeWidth={selected ? 2 : 1}
                    className="matrix-point"
                    data-finding={row.id}
                  />
                );
              }}
            >
              <ErrorBar dataKey="err" direction="y" width={4} stroke="var(--muted)" isAnimationActive={false} />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="matrix-legend small muted" aria-hidden="true">
        <span className="legend-dot risk-safe" /> safe <span className="legend-dot risk-review" /> review{' '}
        <span className="legend-dot risk-risky" /> risky · top left pays off first
      </p>
      <table className="visually-hidden">
        <caption>Findings by effort and expected effect</caption>
        <thead>
          <tr>
            <th scope="col">Finding</th>
            <th scope="col">Effort</th>
            <th scope="col">Expected effect × P</th>
            <th scope="col">90 % interval</th>
            <th scope="col">Risk</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.id}>
              <td>{point.title}</td>
              <td>{point.effort}</td>
              <td>{pct(point.value * 100)}</td>
              <td>
                {pct(point.low * 100)}–{pct(point.high * 100)}
              </td>
              <td>{point.risk}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
