import { describe, expect, it } from 'vitest';
import { tableRows, type TaskList } from '../../../../renderer/jobs/tableRows';
import { summary } from './jobsFixtures';

describe('tableRows', () => {
  const array = summary(2, { tasks: { total: 2, counts: { COMPLETED: 1, FAILED: 1 } } });
  const jobs = [summary(3), array, summary(1)];
  const task = (index: number) => ({ index, state: 'COMPLETED' as const, reason: null, exit: null, startedAt: null, endedAt: null });

  it('is one row per job while no array is open', () => {
    expect(tableRows(jobs, new Set(), new Map()).map((row) => row.kind)).toEqual(['job', 'job', 'job']);
  });

  it('puts an open array’s tasks right under it, or a note while they are read or when they failed', () => {
    const open = new Set([array.id]);
    const ready = new Map<string, TaskList>([[array.id, { status: 'ready', tasks: [task(0), task(1)] }]]);
    expect(tableRows(jobs, open, ready).map((row) => row.key)).toEqual([summary(3).id, array.id, `${array.id}:0`, `${array.id}:1`, summary(1).id]);
    const loading = tableRows(jobs, open, new Map());
    expect(loading[2]).toMatchObject({ kind: 'note', text: 'Reading its tasks…' });
    const failed = tableRows(jobs, open, new Map<string, TaskList>([[array.id, { status: 'failed', message: 'No route' }]]));
    expect(failed[2]).toMatchObject({ kind: 'note', text: 'No route' });
  });

  it('ignores an open mark on a job that is not an array', () => {
    expect(tableRows(jobs, new Set([summary(3).id]), new Map())).toHaveLength(3);
  });
});
