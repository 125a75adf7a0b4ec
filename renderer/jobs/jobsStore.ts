import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { mergeJobs } from './mergeJobs';

/** The most jobs.list returns at once. */
export const pageSize = 5000;
const pagesInFlight = 3;
/**
 * The first page only fills the screen: 5,000 jobs are 2 MB to receive, check and merge, which
 * kept the first rows of a fresh window waiting for half a second or more.
 */
const firstPageSize = 200;

/** What a reading of the list tells those who need the jobs as listed (not as later changed). */
export type ListingEvent = { kind: 'page'; jobs: readonly JobSummary[] } | { kind: 'done' } | { kind: 'failed' };
const listingListeners = new Set<(event: ListingEvent) => void>();

/**
 * Follows each reading of the list, page by page, so another feature can see every job as listed
 * without reading 100,000 jobs a second time (a second reading kept the window busy for half a minute).
 */
export function onJobsListing(listener: (event: ListingEvent) => void): () => void {
  listingListeners.add(listener);
  return () => listingListeners.delete(listener);
}

const tellListing = (event: ListingEvent) => listingListeners.forEach((listener) => listener(event));

type JobsState = {
  /** Every job, newest first. */
  jobs: readonly JobSummary[];
  /** The clusters of those jobs, sorted (kept as jobs come, not gathered from all of them on each change). */
  clusters: readonly string[];
  /** How many jobs the app tracks, as jobs.list last said (the list may still be loading). */
  total: number;
  loading: boolean;
  loadError: string | null;
  /** The whole list has been read once. */
  listed: boolean;
  /** The job whose details are open. */
  selectedId: string | null;
  /** The array task whose output and result the details show; null for the first task (or not an array). */
  selectedTask: number | null;
  /** The connection whose jobs.changed keep the list current; null until the list is first read. */
  following: ContractClient | null;
  /** Reads the list and follows jobs.changed on this connection, once; again only after a failed read. */
  follow: (client: ContractClient) => void;
  load: (client: ContractClient) => Promise<void>;
  merge: (changed: readonly JobSummary[]) => void;
  /** Opens a job's details, on one of its array tasks when `task` is given. */
  select: (id: string | null, task?: number | null) => void;
  selectTask: (task: number | null) => void;
};

/**
 * Every job the app tracks, read page by page so filters and sorting see all of them, and kept
 * current by jobs.changed. Pages and events are applied in the order they arrive on the one
 * connection (the host answers each call with the state as it was when answered), so a later
 * state is never overwritten by an earlier one. A job submitted during loading shifts the pages
 * by one: a page repeats a job (merged away), never skips one.
 */
export const useJobsStore = create<JobsState>()((set, get) => ({
  jobs: [],
  clusters: [],
  total: 0,
  loading: false,
  loadError: null,
  listed: false,
  selectedId: null,
  selectedTask: null,
  following: null,

  follow(client) {
    // The list stays current while other views show (merging a batch is one array copy), so
    // coming back to Jobs reads nothing again: reading 100,000 jobs anew made the table stutter.
    if (get().following !== client) {
      set({ following: client });
      client.on('jobs.changed', ({ jobs }) => get().merge(jobs));
      void get().load(client);
    } else if (get().loadError !== null) {
      void get().load(client);
    }
  },

  async load(client) {
    if (get().loading) return;
    set({ loading: true, loadError: null });
    const apply = (page: { jobs: readonly JobSummary[]; total: number }) => {
      set((state) => ({ jobs: mergeJobs(state.jobs, page.jobs), clusters: withClusters(state.clusters, page.jobs), total: page.total }));
      tellListing({ kind: 'page', jobs: page.jobs });
    };
    try {
      const first = await client.call('jobs.list', { offset: 0, limit: firstPageSize });
      apply(first);
      // The rest a few at a time: the host prepares one page while this window reads another.
      const offsets: number[] = [];
      for (let offset = firstPageSize; offset < first.total; offset += pageSize) offsets.push(offset);
      const next = async () => {
        for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) apply(await client.call('jobs.list', { offset, limit: pageSize }));
      };
      await Promise.all(Array.from({ length: pagesInFlight }, next));
      set((state) => ({ loading: false, listed: true, total: state.jobs.length }));
      tellListing({ kind: 'done' });
    } catch (error) {
      reportIfDisconnected(error);
      tellListing({ kind: 'failed' });
      set({ loading: false, loadError: error instanceof Error ? error.message : 'The job list could not be read.' });
    }
  },

  merge(changed) {
    set((state) => {
      const jobs = mergeJobs(state.jobs, changed);
      return { jobs, clusters: withClusters(state.clusters, changed), total: state.total + (jobs.length - state.jobs.length) };
    });
  },

  select(id, task = null) {
    set({ selectedId: id, selectedTask: task });
  },

  selectTask(task) {
    set({ selectedTask: task });
  },
}));

/** The cluster names with those of these jobs added, sorted; the same list when none is new (a job never changes cluster). */
export function withClusters(clusters: readonly string[], jobs: readonly JobSummary[]): readonly string[] {
  let added: Set<string> | null = null;
  for (const { cluster } of jobs) {
    if (!clusters.includes(cluster)) (added ??= new Set()).add(cluster);
  }
  return added ? [...clusters, ...added].sort() : clusters;
}

/** One job by id (a scan of 100,000 jobs takes well under a millisecond; no index to keep). */
export function useJob(id: string | null): JobSummary | null {
  return useJobsStore((state) => (id === null ? null : (state.jobs.find((job) => job.id === id) ?? null)));
}
