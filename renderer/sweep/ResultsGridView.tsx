import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { Button } from 'react-aria-components';
import type { ResultRow } from '../../shared/contract/resultsMethods';
import { cellOf } from '../../shared/results/resultsGrid';
import type { SortOrder } from '../../shared/results/sortFilterRows';
import { visibleText } from '../../shared/security/visibleText';

const rowHeight = 28;

type ResultsGridViewProps = {
  rows: readonly ResultRow[];
  columns: readonly string[];
  order: SortOrder | null;
  onSort: (column: string) => void;
  onOpenLog: ((row: ResultRow) => void) | null;
};

/** The rows as a table whose lines render only as they scroll into view; a header click sorts. */
export function ResultsGridView({ rows, columns, order, onSort, onOpenLog }: ResultsGridViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = useMemo(() => {
    const sample = rows.slice(0, 300);
    const widths = columns.map((column) => Math.min(28, Math.max(column.length + 2, 5, ...sample.map((row) => shownCell(cellOf(row, column)).length))));
    return [...(onOpenLog ? ['64px'] : []), ...widths.map((count) => `${count * 8 + 20}px`)].join(' ');
  }, [rows, columns, onOpenLog]);
  // The virtualizer hands out fresh measurements each render; this component does not rely on memoizing it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });

  return (
    <div ref={scrollRef} className="results-scroll csv-scroll" role="table" aria-label="Results" aria-rowcount={rows.length + 1} tabIndex={0} data-testid="results-table">
      <div className="csv-row csv-header results-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {onOpenLog && <span className="csv-cell" role="columnheader" />}
        {columns.map((column) => (
          <span key={column} className="csv-cell" role="columnheader" aria-sort={order?.column === column ? (order.descending ? 'descending' : 'ascending') : 'none'}>
            <Button className="results-sort" onPress={() => onSort(column)} data-testid={`results-sort-${column}`}>
              {visibleText(column)}
              {order?.column === column ? (order.descending ? ' ▼' : ' ▲') : ''}
            </Button>
          </span>
        ))}
      </div>
      <div className="csv-body" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div key={item.key} className="csv-row" role="row" aria-rowindex={item.index + 2} data-testid="results-row" data-task={row.task ?? ''} style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}>
              {onOpenLog && (
                <span className="csv-cell" role="cell">
                  <Button className="button button-small" onPress={() => onOpenLog(row)} data-testid="results-open-log" aria-label={`Open the log of ${row.task === null ? row.jobName : `task ${row.task}`}`}>
                    Log
                  </Button>
                </span>
              )}
              {columns.map((column) => (
                <span key={column} className={`csv-cell${column === 'note' && row.note ? ' results-note' : ''}`} role="cell" title={shownCell(cellOf(row, column))}>
                  {shownCell(cellOf(row, column))}
                </span>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A cell as text on one line; numbers keep their full precision (an export has the same). */
export function shownCell(value: ResultRow['cells'][string]): string {
  if (value === null) return '';
  return visibleText(String(value));
}
