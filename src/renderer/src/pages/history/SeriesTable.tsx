import { useMemo } from 'react';
import { formatValue } from '../../../../shared/format-result';
import type { HistoryPoint, HistorySeries } from '../../../../shared/schemas/history';
import { shortCommit, shortDate } from '../../stores/history-rules';
import { VirtualTable, type Column } from './VirtualTable';

/** Every stored value of the metric, newest first: the chart's table alternative (never thinned). */
export function SeriesTable({ series }: { series: HistorySeries }) {
  const { metric } = series;
  const rows = useMemo(() => [...series.points].reverse(), [series.points]);
  const columns: Column<HistoryPoint>[] = [
    { header: 'Run', rowHeader: true, cell: (p) => `#${p.runId}`, width: '70px' },
    { header: 'Started', cell: (p) => shortDate(p.startedAt), width: '150px' },
    { header: 'Machine', cell: (p) => p.machine ?? p.fingerprint.slice(0, 8) },
    {
      header: 'Commit',
      width: '95px',
      cell: (p) => (p.commit ? <code>{`${shortCommit(p.commit)}${p.dirty ? '*' : ''}`}</code> : '–'),
    },
    {
      header: `Median (${metric.unit})`,
      cell: (p) => formatValue(p.median, metric.unit),
      className: 'num',
      width: '130px',
    },
    {
      header: '95 % CI',
      width: '190px',
      cell: (p) =>
        p.ciLow !== null && p.ciHigh !== null
          ? `${formatValue(p.ciLow, metric.unit)} – ${formatValue(p.ciHigh, metric.unit)}`
          : 'n < 6',
      className: 'num',
    },
    { header: 'n', cell: (p) => p.n, className: 'num', width: '55px' },
    { header: 'Status', cell: (p) => p.status, width: '95px' },
  ];
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(p) => `${p.runId}-${p.startedAt}-${p.median}`}
      label={`${metric.title}: all ${rows.length} values`}
      testId="history-series-table"
    />
  );
}
