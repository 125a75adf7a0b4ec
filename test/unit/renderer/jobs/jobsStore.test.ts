import { describe, expect, it } from 'vitest';
import { ContractClient } from '../../../../shared/contract/client';
import type { ContractPort } from '../../../../shared/contract/port';
import type { JobSummary } from '../../../../shared/jobs/jobRecord';
import { onJobsListing, useJobsStore, type ListingEvent } from '../../../../renderer/jobs/jobsStore';
import { newestFirst } from '../../../../renderer/jobs/mergeJobs';
import { summary } from './jobsFixtures';

const clusters = ['hpc', 'gpu', 'dev'];
const tracked = Array.from({ length: 12_345 }, (_, index) => summary(index, { cluster: clusters[index % 3]! })).sort(newestFirst);

/**
 * A fake of the main process (the renderer's tests run without Node services): it answers
 * jobs.list from `tracked` as the real handler pages it, and notes each page asked for.
 */
function fakeJobsListPort(asked: { offset: number; limit: number }[]): ContractPort {
  return {
    transport: 'memory',
    request: async (_id, method, params) => {
      if (method !== 'jobs.list') throw new Error(`the fake answers jobs.list only, not ${method}`);
      const { offset, limit } = params as { offset: number; limit: number };
      asked.push({ offset, limit });
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { ok: true, result: { jobs: tracked.slice(offset, offset + limit), total: tracked.length } };
    },
    cancel: () => undefined,
    onEvent: () => () => undefined,
    onDisconnect: () => () => undefined,
  };
}

describe('jobs store', () => {
  it('reads a screenful first, then every job in pages; tells listeners each page as listed, and keeps the cluster names', async () => {
    const asked: { offset: number; limit: number }[] = [];
    const client = new ContractClient(fakeJobsListPort(asked));
    const events: ListingEvent[] = [];
    const stop = onJobsListing((event) => events.push(event));
    useJobsStore.getState().follow(client);
    await expect.poll(() => useJobsStore.getState().listed).toBe(true);
    stop();

    expect(asked[0]).toEqual({ offset: 0, limit: 200 });
    expect(asked.slice(1).map((page) => page.offset).sort((a, b) => a - b)).toEqual([200, 5200, 10_200]);
    const state = useJobsStore.getState();
    expect(state.jobs).toEqual(tracked);
    expect(state.clusters).toEqual(['dev', 'gpu', 'hpc']);
    expect(events.at(-1)).toEqual({ kind: 'done' });
    const listed = events.flatMap((event) => (event.kind === 'page' ? event.jobs : []));
    expect(listed.map((job) => job.id).sort()).toEqual(tracked.map((job) => job.id).sort());

    // A change keeps the list current and the names as they were, unless a new cluster appears.
    const before = state.clusters;
    const changed: JobSummary = { ...tracked[5]!, state: 'RUNNING' };
    useJobsStore.getState().merge([changed]);
    expect(useJobsStore.getState().jobs[5]).toBe(changed);
    expect(useJobsStore.getState().clusters).toBe(before);
    useJobsStore.getState().merge([summary(99_999, { cluster: 'archive' })]);
    expect(useJobsStore.getState().clusters).toEqual(['archive', 'dev', 'gpu', 'hpc']);
  });
});
