import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { emptyJobList, mergeJobs, type JobList } from './mergeJobs';

/** The most jobs.list returns at once. */
export const pageSize = 5000;

type JobsState = JobList & {
  /** How many jobs the app tracks, as jobs.list last said (the list may still be loading). */
  total: number;
  loading: boolean;
  loadError: string | null;
  /** The job whose details are open. */
  selectedId: string | null;
  load: (client: ContractClient) => Promise<void>;
  merge: (changed: readonly JobSummary[]) => void;
  select: (id: string | null) => void;
};

/**
 * Every job the app tracks, read page by page so filters and sorting see all of them, and kept
 * current by jobs.changed. Pages and events are applied in the order they arrive on the one
 * connection, so a later answer is never overwritten by an earlier one. A job submitted during
 * loading shifts the pages by one: the next page repeats a job (merged away), never skips one.
 */
export const useJobsStore = create<JobsState>()((set, get) => ({
  ...emptyJobList,
  total: 0,
  loading: false,
  loadError: null,
  selectedId: null,

  async load(client) {
    if (get().loading) return;
    set({ loading: true, loadError: null });
    try {
      for (let offset = 0; ; offset += pageSize) {
        const page = await client.call('jobs.list', { offset, limit: pageSize });
        set((state) => ({ ...mergeJobs(state, page.jobs), total: page.total }));
        if (page.jobs.length < pageSize || offset + pageSize >= page.total) break;
      }
      set((state) => ({ loading: false, total: state.jobs.length }));
    } catch (error) {
      reportIfDisconnected(error);
      set({ loading: false, loadError: error instanceof Error ? error.message : 'The job list could not be read.' });
    }
  },

  merge(changed) {
    set((state) => {
      const next = mergeJobs(state, changed);
      return { ...next, total: state.total + (next.jobs.length - state.jobs.length) };
    });
  },

  select(id) {
    set({ selectedId: id });
  },
}));

/** One job by id without scanning the list. */
export function useJob(id: string | null): JobSummary | null {
  return useJobsStore((state) => {
    if (id === null) return null;
    const at = state.positions.get(id);
    return at === undefined ? null : (state.jobs[at] ?? null);
  });
}
