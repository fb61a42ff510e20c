import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';

export interface TradeoffPoint {
  id: string;
  label: string;
  /** p50 ms per run at the point's batch, with its 95 % CI. */
  latencyMs: number;
  latencyCi: [number, number] | null;
  /** items/s with the interquartile range over the same runs. */
  throughput: number;
  throughputIqr: [number, number];
  n: number;
  isDefault: boolean;
  isBest: boolean;
}

/** The points no other point beats on both axes: lower latency and higher throughput. */
export function paretoFront(points: TradeoffPoint[]): Set<string> {
  const front = new Set<string>();
  for (const p of points) {
    const dominated = points.some(
      (q) =>
        q !== p &&
        q.latencyMs <= p.latencyMs &&
        q.throughput >= p.throughput &&
        (q.latencyMs < p.latencyMs || q.throughput > p.throughput),
    );
    if (!dominated) front.add(p.id);
  }
  return front;
}

const digits = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));

/**
 * Latency against throughput, one point per measured configuration (log scales: a batch of 32
 * is an order of magnitude away from batch 1). The Pareto front is marked; the defaults and the
 * best configurations are drawn apart. The table underneath gives every point as text.
 */
export function ParetoScatter({ points }: { points: TradeoffPoint[] }) {
  const front = paretoFront(points);
  const groups = [
    { name: 'other', color: 'var(--muted)', data: points.filter((p) => !front.has(p.id) && !p.isDefault) },
    { name: 'Pareto front', color: 'var(--accent)', data: points.filter((p) => front.has(p.id) && !p.isDefault) },
    { name: 'defaults', color: 'var(--error)', data: points.filter((p) => p.isDefault) },
  ];
  const frontLabels = points.filter((p) => front.has(p.id)).map((p) => p.label);
  const summary = `${points.length} configurations; Pareto front: ${frontLabels.join('; ') || 'none'}`;
  const sorted = [...points].sort((a, b) => a.latencyMs - b.latencyMs);
  return (
    <figure className="chart" aria-label="Latency and throughput of the tuned configurations (ms, items/s)">
      <figcaption>
        <span className="chart-title">Latency / throughput</span>
        <span className="chart-summary">x: p50 ms per run (log) · y: items/s (log)</span>
      </figcaption>
      <div className="chart-body" role="img" aria-label={`Latency against throughput: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis
              type="number"
              dataKey="latencyMs"
              name="p50 latency"
              unit=" ms"
              scale="log"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => digits(v)}
              stroke="var(--muted)"
              fontSize={11}
            />
            <YAxis
              type="number"
              dataKey="throughput"
              name="throughput"
              unit="/s"
              scale="log"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => digits(v)}
              stroke="var(--muted)"
              fontSize={11}
              width={64}
            />
            <Tooltip
              formatter={(value, name) => `${digits(Number(value))} ${name === 'p50 latency' ? 'ms' : 'items/s'}`}
            />
            {groups.map((g) =>
              g.data.length > 0 ? (
                <Scatter key={g.name} name={g.name} data={g.data} fill={g.color} isAnimationActive={false} />
              ) : null,
            )}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="small muted">
        <span className="legend-dot" style={{ background: 'var(--accent)' }} /> Pareto front ·{' '}
        <span className="legend-dot" style={{ background: 'var(--error)' }} /> defaults ·{' '}
        <span className="legend-dot" style={{ background: 'var(--muted)' }} /> other
      </p>
      <details>
        <summary className="small">All {points.length} configurations as a table</summary>
        <table className="data-table small" aria-label="Tuned configurations: latency and throughput">
          <thead>
            <tr>
              <th scope="col">configuration</th>
              <th scope="col">p50 ms (95 % CI)</th>
              <th scope="col">items/s (IQR)</th>
              <th scope="col">n</th>
              <th scope="col">note</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.id}>
                <td>{p.label}</td>
                <td className="num">
                  {digits(p.latencyMs)}
                  {p.latencyCi ? ` (${digits(p.latencyCi[0])}–${digits(p.latencyCi[1])})` : ''}
                </td>
                <td className="num">
                  {digits(p.throughput)} ({digits(p.throughputIqr[0])}–{digits(p.throughputIqr[1])})
                </td>
                <td className="num">{p.n}</td>
                <td>
                  {[p.isDefault ? 'defaults' : '', p.isBest ? 'best' : '', front.has(p.id) ? 'Pareto' : '']
                    .filter(Boolean)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
