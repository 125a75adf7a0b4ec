import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { formatBytes } from './formatBytes';
import { parseCsv } from '../../shared/files/parseCsv';
import { useJobFileText } from './useJobFile';
import { visibleFileName } from '../../shared/files/visibleFileName';

const maxCsvBytes = 8 * 1024 * 1024;
const rowHeight = 26;

/** A CSV (or TSV) as a table whose rows are rendered only as they scroll into view. */
export function CsvViewer({ client, id, path, delimiter }: { client: ContractClient; id: string; path: string; delimiter: string }) {
  const file = useJobFileText(client, id, path, maxCsvBytes);
  const rows = useMemo(() => (file.status === 'ready' ? parseCsv(file.value.text, { delimiter, complete: file.value.complete }) : []), [file, delimiter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [header, ...body] = rows;
  const columns = Math.max(0, ...rows.slice(0, 1000).map((row) => row.length));
  // One width per column for the header and every row, from the longest value among the first rows.
  const template = useMemo(() => {
    const sample = rows.slice(0, 500);
    const characters = Array.from({ length: columns }, (_, column) => Math.min(40, Math.max(4, ...sample.map((row) => (row[column] ?? '').length))));
    // Pixels, not ch: a bold header and a regular body would measure ch differently and drift apart.
    return characters.map((count) => `${count * 8 + 24}px`).join(' ');
  }, [rows, columns]);
  // The virtualizer hands out fresh measurements each render; this component does not rely on memoizing it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: body.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });

  if (file.status === 'loading') return <p className="form-hint">Reading {visibleFileName(path)}…</p>;
  if (file.status === 'failed') return <p className="form-error">{file.message}</p>;
  return (
    <div className="csv-viewer">
      <p className="form-hint" data-testid="csv-summary">
        {body.length} rows, {columns} columns{file.value.complete ? '' : ` — the first ${formatBytes(maxCsvBytes)} of ${formatBytes(file.value.size)}`}
      </p>
      <div ref={scrollRef} className="csv-scroll" role="table" aria-label={visibleFileName(path)} aria-rowcount={body.length + 1} tabIndex={0} data-testid="csv-viewer">
        <div className="csv-row csv-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {Array.from({ length: columns }, (_, column) => (
            <span key={column} className="csv-cell" role="columnheader">
              {header?.[column] ?? ''}
            </span>
          ))}
        </div>
        <div className="csv-body" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.key} className="csv-row" role="row" aria-rowindex={item.index + 2} style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}>
              {Array.from({ length: columns }, (_, column) => (
                <span key={column} className="csv-cell" role="cell">
                  {body[item.index]?.[column] ?? ''}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
