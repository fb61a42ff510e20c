import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (a th scope="row"). */
  rowHeader?: boolean;
  className?: string;
  /** A CSS width for the column (the table lays out fixed, so rows scrolled into view never shift it). */
  width?: string;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  /** Names the scroll region and the table. */
  label: string;
  height?: number;
  rowHeight?: number;
  testId?: string;
}

/**
 * A real <table> (headers, row headers, aria-rowcount/rowindex for screen readers) that renders
 * only the rows in view (@tanstack/react-virtual) between two spacer rows, so thousands of rows
 * scroll as smoothly as ten. The scroll region takes keyboard focus so it can be scrolled without a mouse.
 */
export function VirtualTable<T>({ rows, columns, rowKey, label, height = 320, rowHeight = 30, testId }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const spacer = (size: number, key: string) =>
    size > 0 ? (
      <tr aria-hidden="true" key={key} className="virtual-spacer">
        <td colSpan={columns.length} style={{ height: size }} />
      </tr>
    ) : null;
  return (
    <div
      ref={scrollRef}
      className="virtual-scroll"
      style={{ maxHeight: height }}
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid={testId}
    >
      <table className="data-table virtual-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.header} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spacer(top, 'top')}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={rowKey(row)} aria-rowindex={item.index + 2} style={{ height: rowHeight }}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.header} scope="row" className={column.className}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.header} className={column.className}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
          {spacer(bottom, 'bottom')}
        </tbody>
      </table>
    </div>
  );
}
