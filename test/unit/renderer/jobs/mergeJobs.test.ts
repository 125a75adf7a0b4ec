import { describe, expect, it } from 'vitest';
import { mergeJobs, newestFirst } from '../../../../renderer/jobs/mergeJobs';
import { summary } from './jobsFixtures';

const ids = (list: readonly { id: string }[]) => list.map((job) => job.id);

describe('mergeJobs', () => {
  it('keeps every job once, newest first, whatever order the batches come in', () => {
    let list = mergeJobs([], [summary(2), summary(5)]);
    list = mergeJobs(list, [summary(9), summary(1), summary(5, { state: 'FAILED' })]);
    expect(ids(list)).toEqual([summary(9).id, summary(5).id, summary(2).id, summary(1).id]);
    expect(list[1]!.state).toBe('FAILED');
  });

  it('changes a job in place and leaves the previous list as it was', () => {
    const list = mergeJobs([], [summary(1), summary(2), summary(3)]);
    const next = mergeJobs(list, [summary(2, { state: 'RUNNING' })]);
    expect(ids(next)).toEqual(ids(list));
    expect(next[1]!.state).toBe('RUNNING');
    expect(list[1]!.state).toBe('COMPLETED');
  });

  it('orders jobs submitted in the same instant by id, as jobs.list does', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const list = mergeJobs([], [summary(1, { submittedAt: at }), summary(3, { submittedAt: at }), summary(2, { submittedAt: at })]);
    expect(ids(list)).toEqual([summary(3).id, summary(2).id, summary(1).id]);
    expect(list.toSorted(newestFirst)).toEqual(list);
  });

  it('merges a batch into 100,000 jobs quickly (figures printed, not asserted)', () => {
    const all = Array.from({ length: 100_000 }, (_, index) => summary(index));
    let list = mergeJobs([], all);
    const changes = Array.from({ length: 200 }, (_, index) => summary(index * 400, { state: 'RUNNING' }));
    const newcomers = Array.from({ length: 5 }, (_, index) => summary(100_000 + index));
    // The median of a few runs, so the figure is not the JIT warming up.
    const time = (work: () => void) => {
      const runs: number[] = [];
      for (let run = 0; run < 7; run += 1) {
        const start = performance.now();
        work();
        runs.push(performance.now() - start);
      }
      return Math.round(runs.sort((a, b) => a - b)[3]! * 100) / 100;
    };
    const start = list;
    const changedMs = time(() => mergeJobs(start, changes));
    const addedMs = time(() => mergeJobs(start, newcomers));
    // What the list did before: a Map of every job and a locale-aware sort on every batch.
    const rebuildMs = time(() => {
      const byId = new Map(start.map((job) => [job.id, job]));
      for (const job of changes) byId.set(job.id, job);
      [...byId.values()].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    });
    list = mergeJobs(mergeJobs(start, changes), newcomers);
    console.log(`merge into 100,000 jobs (median of 7): 200 changed ${changedMs} ms, 5 new ${addedMs} ms; rebuilding and re-sorting instead: ${rebuildMs} ms`);
    expect(list).toHaveLength(100_005);
    expect(list[0]!.id).toBe(summary(100_004).id);
    expect(list.find((job) => job.id === summary(400).id)!.state).toBe('RUNNING');
  });
});
