import { describe, expect, it } from 'vitest';
import { filterJobs, noFilters, slurmIdOrder, sortJobs } from '../../../../renderer/jobs/jobsQuery';
import { splitByOrigin } from '../../../../renderer/jobs/cancelJobs';
import { foreignJob, foreignJobId, foreignMark, isForeignId, queueJobOf } from '../../../../renderer/queue/foreignJobs';
import { mergeNewestFirst } from '../../../../renderer/jobs/mergeJobs';
import { derived } from '../../../../renderer/queue/queueStore';
import { summary } from '../jobs/jobsFixtures';
import { queueRow } from './queueFixtures';

describe('jobs from outside the app as rows of the Jobs table', () => {
  it("writes Slurm's times as the app writes its own, so the newest-first order holds across both", () => {
    const row = foreignJob(queueRow('7', { submittedAt: '2026-12-07T21:00:00+01:00', startedAt: '2026-12-07T21:05:00+01:00' }));
    expect(row.submittedAt).toBe('2026-12-07T20:00:00.000Z');
    expect(row.startedAt).toBe('2026-12-07T20:05:00.000Z');
    expect(row.id).toBe('q/hpc/7');
    expect(isForeignId(row.id)).toBe(true);
    expect(isForeignId(summary(1).id)).toBe(false);
    expect(queueJobOf(row)?.slurmId).toBe('7');
    expect(queueJobOf(summary(1))).toBeNull();
  });

  it('makes one row per queue row object, so an unchanged job stays the same row', () => {
    const queue = queueRow('8');
    expect(foreignJob(queue)).toBe(foreignJob(queue));
    expect(foreignJob({ ...queue })).not.toBe(foreignJob(queue));
  });

  it('says a missing limit is no limit and takes the node count', () => {
    expect(foreignJob(queueRow('9', { timeLimitSeconds: null })).timeLimit).toBe('UNLIMITED');
    expect(foreignJob(queueRow('10', { timeLimitSeconds: 5400, nodeCount: 3 }))).toMatchObject({ timeLimit: '1:30:00', nodes: 3 });
  });

  it('keeps the same id apart on two clusters', () => {
    expect(foreignJobId('a', '5')).not.toBe(foreignJobId('b', '5'));
  });

  it('merges two newest-first lists into one, in order', () => {
    const app = [summary(5), summary(3), summary(1)];
    const others = [summary(4, { id: 'q/hpc/4' }), summary(2, { id: 'q/hpc/2' })];
    expect(mergeNewestFirst(app, others).map((job) => job.id)).toEqual([app[0]!.id, 'q/hpc/4', app[1]!.id, 'q/hpc/2', app[2]!.id]);
    expect(mergeNewestFirst(app, [])).toBe(app);
  });

  it("derives the table's foreign rows newest first and the app's own jobs by app id", () => {
    const appId = summary(1).id;
    const rows = new Map([
      ['1', queueRow('1', { submittedAt: '2026-12-07T10:00:00Z' })],
      ['2', queueRow('2', { submittedAt: '2026-12-07T12:00:00Z' })],
      ['3', queueRow('3', { appJobId: appId })],
    ]);
    const { foreign, byAppId } = derived({ hpc: { status: null, rows, loading: false, error: null } });
    expect(foreign.map((job) => job.slurmId)).toEqual(['2', '1']);
    expect(byAppId.get(appId)?.slurmId).toBe('3');
  });
});

describe('filters, order and cancelling across origins', () => {
  const app = summary(2, { name: 'mine' });
  const other = foreignJob(queueRow('1234_5', { name: 'terminal' }));

  it('filters by who submitted', () => {
    expect(filterJobs([app, other], { ...noFilters, origin: 'app' })).toEqual([app]);
    expect(filterJobs([app, other], { ...noFilters, origin: 'other' })).toEqual([other]);
  });

  it('orders Slurm ids numerically, array tasks under their array', () => {
    expect(slurmIdOrder('1234')).toBe(1234);
    expect(slurmIdOrder('1234_0')! > 1234).toBe(true);
    expect(slurmIdOrder('1234_10')! > slurmIdOrder('1234_9')!).toBe(true);
    expect(slurmIdOrder('1234_[5-9]')).toBe(1234);
    expect(slurmIdOrder(null)).toBeNull();
    const sorted = sortJobs([summary(1, { slurmId: '99' }), other, summary(3, { slurmId: '1234' })], { column: 'id', direction: 'ascending' }, 0);
    expect(sorted.map((job) => job.slurmId)).toEqual(['99', '1234', '1234_5']);
  });

  it('cancels the app jobs by app id and the others by Slurm id, per cluster', () => {
    const elsewhere = foreignJob(queueRow('77', { cluster: 'gpu' }));
    const { appIds, foreignByCluster } = splitByOrigin([app, other, elsewhere]);
    expect(appIds).toEqual([app.id]);
    expect([...foreignByCluster]).toEqual([
      ['hpc', ['1234_5']],
      ['gpu', ['77']],
    ]);
  });
});

describe('a queue of 10,000 jobs from elsewhere', () => {
  it('derives, merges and re-derives after a refresh quickly (figures printed, not asserted)', () => {
    const rows = new Map(Array.from({ length: 10_000 }, (_, index) => [String(index), queueRow(String(index), { submittedAt: new Date(Date.UTC(2026, 11, 7) + index * 1000).toISOString() })]));
    let started = performance.now();
    const first = derived({ hpc: { status: null, rows, loading: false, error: null } });
    const firstMs = performance.now() - started;
    const app = Array.from({ length: 1000 }, (_, index) => summary(1000 - index));
    started = performance.now();
    const merged = mergeNewestFirst(app, first.foreign);
    const mergeMs = performance.now() - started;
    // A refresh: 100 jobs changed state, the rest are the same objects.
    const next = new Map(rows);
    for (let index = 0; index < 100; index += 1) next.set(String(index), queueRow(String(index), { state: 'RUNNING', submittedAt: rows.get(String(index))!.submittedAt }));
    started = performance.now();
    const second = derived({ hpc: { status: null, rows: next, loading: false, error: null } });
    const refreshMs = performance.now() - started;
    expect(merged).toHaveLength(11_000);
    expect(second.foreign.filter((job, index) => job === first.foreign[index])).toHaveLength(9_900);
    console.log(`10,000 foreign rows: derive ${firstMs.toFixed(1)} ms, merge with 1,000 app jobs ${mergeMs.toFixed(1)} ms, re-derive after 100 changes ${refreshMs.toFixed(1)} ms`);
  });
});

describe('the mark under a foreign job name', () => {
  it('names the task of an array, since the id column may be hidden', () => {
    expect(foreignMark({ arrayTaskId: 7, arrayTasks: null })).toBe('task 7 · not from this app');
    expect(foreignMark({ arrayTaskId: null, arrayTasks: '0-199%5' })).toBe('tasks 0-199%5 · not from this app');
    expect(foreignMark({ arrayTaskId: null, arrayTasks: null })).toBe('not from this app');
  });
});
