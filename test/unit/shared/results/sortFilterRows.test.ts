import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../../shared/contract/resultsMethods';
import { allColumns, resultsGrid } from '../../../../shared/results/resultsGrid';
import { parseRowFilter, sortRows } from '../../../../shared/results/sortFilterRows';

const row = (task: number, cells: ResultRow['cells'], state: ResultRow['state'] = 'COMPLETED'): ResultRow => ({
  job: 'sd-0000000000000001', jobName: 'sweep', task, state, elapsedSeconds: 3, kind: 'json', cells, inputs: { 'item.lr': cells.lr ?? null }, note: null,
});
const rows = [row(0, { lr: 0.1, loss: 0.5 }), row(1, { lr: 0.2, loss: 0.05 }), row(2, {}, 'FAILED'), row(10, { lr: 0.3, loss: 0.2 })];
const columns = allColumns({ columns: ['lr', 'loss'], inputColumns: ['item.lr'] });

describe('sortRows', () => {
  it('orders numbers by value either way, with empty cells last', () => {
    expect(sortRows(rows, { column: 'loss', descending: false }).map((each) => each.task)).toEqual([1, 10, 0, 2]);
    expect(sortRows(rows, { column: 'loss', descending: true }).map((each) => each.task)).toEqual([0, 10, 1, 2]);
    expect(sortRows(rows, { column: 'task', descending: true }).map((each) => each.task)).toEqual([10, 2, 1, 0]);
  });
});

describe('parseRowFilter', () => {
  const tasks = (text: string) => rows.filter(parseRowFilter(text, columns).test).map((each) => each.task);
  it('compares columns as numbers and matches plain words in any cell', () => {
    expect(tasks('loss<0.3')).toEqual([1, 10]);
    expect(tasks('loss>=0.2 item.lr<0.3')).toEqual([0]);
    expect(tasks('state=FAILED')).toEqual([2]);
    expect(tasks('failed')).toEqual([2]);
    expect(tasks('')).toEqual([0, 1, 2, 10]);
  });
  it('names a column that does not exist', () => {
    expect(parseRowFilter('acc>1', columns).problem).toBe('No column is named acc');
  });
});

describe('resultsGrid', () => {
  it('lays out the task, its inputs, the result fields and the note', () => {
    expect(columns).toEqual(['job', 'task', 'state', 'elapsed_s', 'item.lr', 'lr', 'loss', 'note']);
    expect(resultsGrid({ rows: rows.slice(0, 1), columns: ['lr', 'loss'], inputColumns: ['item.lr'], truncated: false }).rows).toEqual([['sd-0000000000000001', 0, 'COMPLETED', 3, 0.1, 0.1, 0.5, null]]);
  });
});
