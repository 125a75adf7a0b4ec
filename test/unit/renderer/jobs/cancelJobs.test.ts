import { describe, expect, it } from 'vitest';
import { cancelInBatches, splitCancellable } from '../../../../renderer/jobs/cancelJobs';
import { summary } from './jobsFixtures';

describe('cancelling ticked jobs', () => {
  it('cancels only waiting and running jobs and counts the ended ones as skipped', () => {
    const jobs = [summary(1, { state: 'PENDING' }), summary(2, { state: 'COMPLETED' }), summary(3, { state: 'RUNNING' }), summary(4, { state: 'FAILED' })];
    const { cancellable, skipped } = splitCancellable(jobs);
    expect(cancellable.map((job) => job.id)).toEqual([summary(1).id, summary(3).id]);
    expect(skipped).toBe(2);
  });

  it('sends at most 1000 ids per call, every id exactly once, and hands on each answer', async () => {
    const ids = Array.from({ length: 2500 }, (_, index) => summary(index).id);
    const calls: string[][] = [];
    const answers: number[] = [];
    await cancelInBatches(
      ids,
      async (batch) => {
        calls.push(batch);
        return { jobs: batch.map((id, index) => summary(index, { id, state: 'CANCELLED' })) };
      },
      (jobs) => answers.push(jobs.length),
    );
    expect(calls.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(calls.flat()).toEqual(ids);
    expect(answers).toEqual([1000, 1000, 500]);
  });

  it('stops at the first call that fails, so the person sees the error', async () => {
    const ids = Array.from({ length: 1500 }, (_, index) => summary(index).id);
    let calls = 0;
    await expect(
      cancelInBatches(ids, async () => {
        calls += 1;
        throw new Error('scheduler unreachable');
      }, () => {}),
    ).rejects.toThrow('scheduler unreachable');
    expect(calls).toBe(1);
  });
});
