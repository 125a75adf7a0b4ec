import type { ResultsTable } from '../../shared/contract/resultsMethods';
import { toCsv } from '../../shared/files/parseCsv';
import { resultsGrid, resultsRecords } from '../../shared/results/resultsGrid';

/**
 * Saves the rows shown, with the columns shown, as CSV or JSON through the browser's own download
 * (a blob: link): the window reads and writes no file itself.
 */
export function exportResults(table: ResultsTable, columns: readonly string[], format: 'csv' | 'json', baseName: string): void {
  const text =
    format === 'csv'
      ? (() => {
          const { header, rows } = resultsGrid(table, columns);
          return `${toCsv(header, rows)}\r\n`;
        })()
      : `${JSON.stringify(resultsRecords(table, columns), null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${baseName.replace(/[^A-Za-z0-9._-]+/g, '_') || 'results'}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
