import type { ResultRow } from '../contract/resultsMethods';
import type { CellValue } from './flattenResult';
import { cellOf } from './resultsGrid';

export type SortOrder = { column: string; descending: boolean };

/** Numbers by value, everything else as text with numbers in it ordered naturally; empty cells last either way. */
export function compareCells(a: CellValue, b: CellValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function sortRows(rows: readonly ResultRow[], order: SortOrder | null): ResultRow[] {
  if (!order) return [...rows];
  const sign = order.descending ? -1 : 1;
  return [...rows].sort((left, right) => {
    const a = cellOf(left, order.column);
    const b = cellOf(right, order.column);
    // Empty cells stay at the bottom whichever way the column is sorted.
    if (a === null || b === null) return compareCells(a, b);
    return sign * compareCells(a, b);
  });
}

const comparison = /^([^\s<>=!]+)\s*(<=|>=|!=|<|>|=)\s*(.+)$/;

/**
 * A filter typed over the table: words separated by spaces, all of which must hold. `loss<0.1`,
 * `state=COMPLETED`, `item.lr>=0.01` compare a column (numbers as numbers); any other word must
 * appear in some cell, ignoring case. A column that no row has is a problem, said in words.
 */
export function parseRowFilter(text: string, columns: readonly string[]): { test: (row: ResultRow) => boolean; problem: string | null } {
  const tests: ((row: ResultRow) => boolean)[] = [];
  for (const word of text.trim().split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean)) {
    const match = comparison.exec(word);
    if (match) {
      const [, column, operator, wanted] = match as unknown as [string, string, string, string];
      if (!columns.includes(column)) return { test: () => true, problem: `No column is named ${column}` };
      tests.push((row) => holds(cellOf(row, column), operator, wanted.replace(/^"(.*)"$/, '$1')));
    } else {
      const needle = word.toLowerCase();
      tests.push((row) => columns.some((column) => String(cellOf(row, column) ?? '').toLowerCase().includes(needle)));
    }
  }
  return { test: (row) => tests.every((test) => test(row)), problem: null };
}

function holds(cell: CellValue, operator: string, wanted: string): boolean {
  if (cell === null) return operator === '!=';
  const number = Number(wanted);
  const order = typeof cell === 'number' && wanted.trim() !== '' && Number.isFinite(number) ? cell - number : compareCells(String(cell), wanted);
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '!=':
      return order !== 0;
    default:
      return order === 0;
  }
}
