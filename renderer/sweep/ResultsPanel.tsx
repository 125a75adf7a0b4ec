import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { ResultRow } from '../../shared/contract/resultsMethods';
import { allColumns } from '../../shared/results/resultsGrid';
import { parseRowFilter, sortRows, type SortOrder } from '../../shared/results/sortFilterRows';
import { visibleText } from '../../shared/security/visibleText';
import { exportResults } from './exportResults';
import { ResultsChart } from './ResultsChart';
import { ResultsGridView } from './ResultsGridView';
import { useHiddenColumns } from './rememberedColumns';
import { useResultsTable } from './useResultsTable';
import './results.css';

type ResultsPanelProps = {
  client: ContractClient;
  ids: readonly string[];
  /** Names the remembered column choice and the exported file. */
  name: string;
  /** A change reads the table again (tasks that ended since). */
  version: string;
  onOpenLog: ((row: ResultRow) => void) | null;
};

/** An array's tasks (or several runs) as one sortable, filterable table with a chart and exports. */
export function ResultsPanel({ client, ids, name, version, onOpenLog }: ResultsPanelProps) {
  const { table, reload } = useResultsTable(client, ids, version);
  const [hidden, setHidden] = useHiddenColumns(name);
  const [order, setOrder] = useState<SortOrder | null>(null);
  const [filterText, setFilterText] = useState('');
  const loaded = table.status === 'ready' ? table.value : null;
  const every = useMemo(() => (loaded ? allColumns(loaded) : []), [loaded]);
  // One job's table need not repeat its id on every row; a comparison does.
  const columns = useMemo(() => every.filter((column) => !hidden.has(column) && !(column === 'job' && ids.length === 1)), [every, hidden, ids.length]);
  const filter = useMemo(() => parseRowFilter(filterText, every), [filterText, every]);
  const rows = useMemo(() => (loaded ? sortRows(loaded.rows.filter(filter.test), order) : []), [loaded, filter, order]);

  if (table.status === 'loading') return <p className="form-hint">Reading the results…</p>;
  if (table.status === 'failed') return <p className="form-error">{table.message}</p>;
  const shownTable = { ...table.value, rows };
  const sortBy = (column: string) => setOrder((current) => (current?.column === column ? (current.descending ? null : { column, descending: true }) : { column, descending: false }));

  return (
    <div className="results-panel" data-testid="results-panel">
      <div className="results-toolbar">
        <label className="results-control results-filter">
          Filter{' '}
          <input className="input" value={filterText} onChange={(event) => setFilterText(event.target.value)} placeholder="loss<0.1 state=COMPLETED" aria-invalid={filter.problem !== null} data-testid="results-filter" />
        </label>
        <details className="results-columns">
          <summary className="button button-small" data-testid="results-columns">
            Columns
          </summary>
          <div className="results-columns-list">
            {every.map((column) => (
              <label key={column} className="results-column-choice">
                <input type="checkbox" checked={!hidden.has(column)} onChange={(event) => setHidden(column, !event.target.checked)} data-testid={`results-column-${column}`} /> {visibleText(column)}
              </label>
            ))}
          </div>
        </details>
        <Button className="button button-small" onPress={() => exportResults(shownTable, columns, 'csv', name)} data-testid="results-export-csv">
          Export CSV
        </Button>
        <Button className="button button-small" onPress={() => exportResults(shownTable, columns, 'json', name)} data-testid="results-export-json">
          Export JSON
        </Button>
        <Button className="button button-small" onPress={reload} data-testid="results-reload">
          Reload
        </Button>
        <span className="form-hint" role="status" data-testid="results-count">
          {rows.length === table.value.rows.length ? `${rows.length} rows` : `${rows.length} of ${table.value.rows.length} rows`}
        </span>
      </div>
      {filter.problem && <p className="form-error">{filter.problem}</p>}
      {table.value.truncated && <p className="form-hint">The results passed what is read at once (32 MiB): rows past it say so; download the job folder for all of them.</p>}
      <ResultsGridView rows={rows} columns={columns} order={order} onSort={sortBy} onOpenLog={onOpenLog} />
      <ResultsChart rows={rows} columns={columns} />
    </div>
  );
}
