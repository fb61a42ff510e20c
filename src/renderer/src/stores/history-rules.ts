import { createLTTB } from 'downsample/methods/LTTB';
import type { HistoryMetric, HistoryMetricRef, HistoryPoint } from '../../../shared/schemas/history';

/** Beyond this many points a chart thins what it draws; the table keeps every value. */
export const DISPLAY_POINT_BUDGET = 2000;

/** Colours for up to eight machines, each distinguishable on the light and the dark theme. */
export const MACHINE_COLORS = ['#3d6df2', '#d9480f', '#2b8a3e', '#9c36b5', '#0b7285', '#c2255c', '#5f3dc4', '#e67700'];

export interface ChartPoint extends HistoryPoint {
  /** startedAt in ms, the x of the chart. */
  t: number;
  /** [ciLow, ciHigh] for the band; null where the run had too few samples for a CI. */
  band: [number, number] | null;
  label: string;
}

export interface MachineSeries {
  fingerprint: string;
  label: string;
  color: string;
  /** Every point of this machine, oldest first. */
  points: ChartPoint[];
  /** What the chart draws: all points, or an LTTB selection of them beyond the budget. */
  shown: ChartPoint[];
}

export function metricKey(ref: HistoryMetricRef): string {
  return JSON.stringify([ref.kind, ref.scope, ref.benchmarkId, ref.unit]);
}

export function metricRef(metric: HistoryMetric): HistoryMetricRef {
  return { kind: metric.kind, benchmarkId: metric.benchmarkId, scope: metric.scope, unit: metric.unit };
}

export function shortCommit(commit: string | null): string | null {
  return commit ? commit.slice(0, 8) : null;
}

/** "11/22/26, 5:06 AM": short enough for a table cell. */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** "#12 · abc12345*": the run, and its commit when it has one (starred when the tree was dirty). */
export function pointLabel(point: HistoryPoint): string {
  const commit = shortCommit(point.commit);
  return commit ? `#${point.runId} · ${commit}${point.dirty ? '*' : ''}` : `#${point.runId}`;
}

/**
 * Largest-Triangle-Three-Buckets (the `downsample` package): keeps the points that shape the line,
 * spikes and steps included, and returns the original objects so each keeps its CI and run id.
 */
const lttb = createLTTB<ChartPoint>({ x: 't', y: 'median' });

export function downsample(points: ChartPoint[], budget: number): ChartPoint[] {
  if (points.length <= budget) return points;
  return Array.from(lttb(points, Math.max(3, budget)));
}

/**
 * One series per machine (fingerprint), oldest first, with the total display budget shared in
 * proportion to each machine's share of the points.
 */
export function machineSeries(points: HistoryPoint[], budget = DISPLAY_POINT_BUDGET): MachineSeries[] {
  const groups = new Map<string, ChartPoint[]>();
  const labels = new Map<string, string>();
  for (const point of points) {
    const chartPoint: ChartPoint = {
      ...point,
      t: Date.parse(point.startedAt),
      band: point.ciLow !== null && point.ciHigh !== null ? [point.ciLow, point.ciHigh] : null,
      label: pointLabel(point),
    };
    const group = groups.get(point.fingerprint);
    if (group) group.push(chartPoint);
    else groups.set(point.fingerprint, [chartPoint]);
    if (point.machine) labels.set(point.fingerprint, point.machine);
  }
  const total = points.length;
  return [...groups.entries()].map(([fingerprint, group], index) => {
    const sorted = group.sort((a, b) => a.t - b.t || a.runId - b.runId);
    const share = total > budget ? Math.max(3, Math.floor((budget * sorted.length) / total)) : sorted.length;
    return {
      fingerprint,
      label: labels.get(fingerprint) ?? `machine ${fingerprint.slice(0, 8)}`,
      color: MACHINE_COLORS[index % MACHINE_COLORS.length]!,
      points: sorted,
      shown: downsample(sorted, share),
    };
  });
}

export function shownCount(series: MachineSeries[]): number {
  return series.reduce((sum, s) => sum + s.shown.length, 0);
}

/** The chart's text alternative in one sentence. */
export function seriesSummary(metric: HistoryMetric, series: MachineSeries[], format: (v: number) => string): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return `${metric.title}: no stored values`;
  const first = all.reduce((a, b) => (a.t <= b.t ? a : b));
  const last = all.reduce((a, b) => (a.t >= b.t ? a : b));
  const values = all.map((p) => p.median);
  const shown = shownCount(series);
  return (
    `${metric.title}, median per run in ${metric.unit} (${metric.direction.replace(/-/g, ' ')}): ` +
    `${all.length} runs on ${series.length} machine${series.length === 1 ? '' : 's'} ` +
    `from ${new Date(first.t).toLocaleDateString()} to ${new Date(last.t).toLocaleDateString()}, ` +
    `range ${format(Math.min(...values))} to ${format(Math.max(...values))}, ` +
    `latest ${format(last.median)} (run #${last.runId})` +
    (shown < all.length ? `; the chart draws ${shown} of ${all.length} points (LTTB), the table lists all` : '')
  );
}

/** "cpu", "project /home/me/app": where a metric comes from, for grouping the picker. */
export function metricGroup(metric: HistoryMetric): string {
  return metric.scope ? `${metric.kind} · ${metric.scope}` : metric.kind;
}
