import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type JobsState = {
  jobs: JobSummary[];
  total: number;
  loading: boolean;
  loadError: string | null;
  selectedId: string | null;
  load: (client: ContractClient) => Promise<void>;
  merge: (changed: readonly JobSummary[]) => void;
  select: (id: string | null) => void;
};

export const firstPageSize = 500;

function newestFirst(a: JobSummary, b: JobSummary): number {
  return b.submittedAt.localeCompare(a.submittedAt);
}

/** The jobs this window knows of: the first page of jobs.list, kept current by jobs.changed. */
export const useJobsStore = create<JobsState>()((set) => ({
  jobs: [],
  total: 0,
  loading: false,
  loadError: null,
  selectedId: null,

  async load(client) {
    set({ loading: true, loadError: null });
    try {
      const page = await client.call('jobs.list', { offset: 0, limit: firstPageSize });
      // A change event may have landed while the list was on its way: keep whichever it brought.
      set((state) => {
        const byId = new Map(page.jobs.map((job) => [job.id, job]));
        for (const job of state.jobs) if (!byId.has(job.id)) byId.set(job.id, job);
        return { jobs: [...byId.values()].sort(newestFirst), total: Math.max(page.total, byId.size), loading: false };
      });
    } catch (error) {
      reportIfDisconnected(error);
      set({ loading: false, loadError: error instanceof Error ? error.message : 'The job list could not be read.' });
    }
  },

  merge(changed) {
    set((state) => {
      const byId = new Map(state.jobs.map((job) => [job.id, job]));
      let added = 0;
      for (const job of changed) {
        if (!byId.has(job.id)) added += 1;
        byId.set(job.id, job);
      }
      return { jobs: [...byId.values()].sort(newestFirst), total: state.total + added };
    });
  },

  select(id) {
    set({ selectedId: id });
  },
}));
