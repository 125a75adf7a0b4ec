import type { ResultRow, ResultsTable } from '../contract/resultsMethods';
import type { CellValue } from './flattenResult';

/** Columns every row has, before its inputs and results. */
export const fixedColumns = ['job', 'task', 'state', 'elapsed_s', 'note'] as const;

/** A column's value in a row: a fixed column, an input (`item.*`, `args.*`, `kwargs.*`) or a result field. */
export function cellOf(row: ResultRow, column: string): CellValue {
  switch (column) {
    case 'job':
      return row.job;
    case 'task':
      return row.task;
    case 'state':
      return row.state;
    case 'elapsed_s':
      return row.elapsedSeconds;
    case 'note':
      return row.note;
    default:
      return Object.hasOwn(row.inputs, column) ? row.inputs[column]! : (row.cells[column] ?? null);
  }
}

/** Every column of a table in the order shown: the task's, its inputs, the result's fields, the note. */
export function allColumns(table: Pick<ResultsTable, 'columns' | 'inputColumns'>): string[] {
  const fields = table.columns.filter((name) => !(fixedColumns as readonly string[]).includes(name));
  return ['job', 'task', 'state', 'elapsed_s', ...table.inputColumns, ...fields, 'note'];
}

/** The table as a header and rows of cells, for CSV and JSON exports (the CLI's and the window's). */
export function resultsGrid(table: ResultsTable, columns: readonly string[] = allColumns(table)): { header: string[]; rows: CellValue[][] } {
  return { header: [...columns], rows: table.rows.map((row) => columns.map((column) => cellOf(row, column))) };
}

/** Rows as objects keyed by column, for a JSON export. */
export function resultsRecords(table: ResultsTable, columns: readonly string[] = allColumns(table)): Record<string, CellValue>[] {
  return table.rows.map((row) => Object.fromEntries(columns.map((column) => [column, cellOf(row, column)])));
}
