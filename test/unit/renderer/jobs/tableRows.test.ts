import { describe, expect, it } from 'vitest';
import { tableRows, type TableRows, type TaskList } from '../../../../renderer/jobs/tableRows';
import { summary } from './jobsFixtures';

/** Every line, as the table would ask for them one by one. */
const lines = (rows: TableRows) => Array.from({ length: rows.length }, (_, index) => rows.at(index)!);

describe('tableRows', () => {
  const array = summary(2, { tasks: { total: 2, counts: { COMPLETED: 1, FAILED: 1 } } });
  const jobs = [summary(3), array, summary(1)];
  const task = (index: number) => ({ index, state: 'COMPLETED' as const, reason: null, exit: null, startedAt: null, endedAt: null });

  it('is one row per job while no array is open', () => {
    expect(lines(tableRows(jobs, new Set(), new Map())).map((row) => row.kind)).toEqual(['job', 'job', 'job']);
  });

  it('puts an open array’s tasks right under it, or a note while they are read or when they failed', () => {
    const open = new Set([array.id]);
    const ready = new Map<string, TaskList>([[array.id, { status: 'ready', tasks: [task(0), task(1)] }]]);
    expect(lines(tableRows(jobs, open, ready)).map((row) => row.key)).toEqual([summary(3).id, array.id, `${array.id}:0`, `${array.id}:1`, summary(1).id]);
    const loading = tableRows(jobs, open, new Map());
    expect(loading.at(2)).toMatchObject({ kind: 'note', text: 'Reading its tasks…' });
    const failed = tableRows(jobs, open, new Map<string, TaskList>([[array.id, { status: 'failed', message: 'No route' }]]));
    expect(failed.at(2)).toMatchObject({ kind: 'note', text: 'No route' });
  });

  it('ignores an open mark on a job that is not an array', () => {
    expect(tableRows(jobs, new Set([summary(3).id]), new Map())).toHaveLength(3);
  });

  it('has no line outside the table', () => {
    const rows = tableRows(jobs, new Set([array.id]), new Map());
    expect([rows.at(-1), rows.at(rows.length)]).toEqual([undefined, undefined]);
  });

  it('finds every line by its key, with open arrays above it or not, and says -1 for a key it does not show', () => {
    const arrays = [5, 4, 3, 2, 1, 0].map((index) => summary(index, index % 2 === 1 ? { tasks: { total: 3, counts: { RUNNING: 3 } } } : {}));
    const tasks = new Map<string, TaskList>([
      [arrays[0]!.id, { status: 'ready', tasks: [task(0), task(1), task(2)] }],
      [arrays[2]!.id, { status: 'loading' }],
      [arrays[4]!.id, { status: 'ready', tasks: [task(7)] }],
    ]);
    const rows = tableRows(arrays, new Set([arrays[0]!.id, arrays[2]!.id, arrays[4]!.id]), tasks);
    const all = lines(rows);
    expect(all.map((row) => row.key)).toEqual([
      arrays[0]!.id, `${arrays[0]!.id}:0`, `${arrays[0]!.id}:1`, `${arrays[0]!.id}:2`, arrays[1]!.id,
      arrays[2]!.id, `${arrays[2]!.id}:note`, arrays[3]!.id, arrays[4]!.id, `${arrays[4]!.id}:7`, arrays[5]!.id,
    ]);
    all.forEach((row, index) => {
      expect(rows.indexOfKey(row.key)).toBe(index);
      expect(rows.indexOfKey(row.key, index)).toBe(index);
      expect(rows.indexOfKey(row.key, 0)).toBe(index);
    });
    expect(rows.indexOfKey(`${arrays[0]!.id}:9`)).toBe(-1);
    expect(rows.indexOfKey(summary(99).id)).toBe(-1);
  });
});
