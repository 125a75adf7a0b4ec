import { useState } from 'react';
import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { EventPayload } from '../../shared/contract/index';
import type { HistoryWindow, QueueJob, QueueStatus } from '../../shared/queue/queueJob';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { newestFirst } from '../jobs/mergeJobs';
import { foreignJob, isForeignId, type ForeignJob } from './foreignJobs';

/** One cluster's queue as last read: its rows by Slurm id, and where its refresh stands. */
export type ClusterQueue = {
  status: QueueStatus | null;
  rows: ReadonlyMap<string, QueueJob>;
  loading: boolean;
  error: string | null;
};

const emptyQueue: ClusterQueue = { status: null, rows: new Map(), loading: false, error: null };
const pageSize = 5000;

type QueueState = {
  byCluster: Readonly<Record<string, ClusterQueue>>;
  /** How far back finished jobs are listed, for every cluster. */
  history: HistoryWindow;
  /** One row per array task instead of one per array. */
  unroll: boolean;
  /** The clusters whose queue this window shows, and whether the window is seen. */
  watched: readonly string[];
  visible: boolean;
  /** Jobs from outside the app on every cluster, newest first, as rows of the Jobs table. */
  foreign: readonly ForeignJob[];
  /** What Slurm says of the app's own jobs, by app id (efficiency once they end). */
  byAppId: ReadonlyMap<string, QueueJob>;
  watch: (client: ContractClient, clusters: readonly string[], visible: boolean) => Promise<void>;
  setHistory: (client: ContractClient, history: HistoryWindow) => void;
  setUnroll: (client: ContractClient, unroll: boolean) => void;
  /** Reads a cluster's rows; `fresh` asks the scheduler now (after a control) instead of the last refresh. */
  list: (client: ContractClient, cluster: string, fresh?: boolean) => Promise<void>;
  changed: (client: ContractClient, change: EventPayload<'queue.changed'>) => void;
  statusChanged: (status: QueueStatus) => void;
};

/** Clusters whose list was asked again while it was being read: read once more after. */
const relistAfter = new Set<string>();

/**
 * The clusters' own view of the person's jobs (queue.list, then queue.changed). The service
 * reads the scheduler; this store only asks when the window starts watching a cluster, when the
 * history window or the array unrolling changes, or when a change is too big to apply. Rows that
 * did not change keep their objects, so the Jobs table treats them as unchanged.
 */
export const useQueueStore = create<QueueState>()((set, get) => {
  const put = (cluster: string, change: Partial<ClusterQueue>) =>
    set((state) => ({ byCluster: { ...state.byCluster, [cluster]: { ...(state.byCluster[cluster] ?? emptyQueue), ...change } } }));

  /** The table's rows are derived from every cluster's rows after each change. */
  const putRows = (cluster: string, rows: ReadonlyMap<string, QueueJob>, change: Partial<ClusterQueue> = {}) => {
    const byCluster = { ...get().byCluster, [cluster]: { ...(get().byCluster[cluster] ?? emptyQueue), ...change, rows } };
    set({ byCluster, ...derived(byCluster) });
  };

  return {
    byCluster: {},
    history: 'today',
    unroll: false,
    watched: [],
    visible: true,
    foreign: [],
    byAppId: new Map(),

    async watch(client, clusters, visible) {
      const { history } = get();
      set({ watched: clusters, visible });
      try {
        const { statuses } = await client.call('queue.watch', { clusters: [...clusters], visible, history });
        for (const status of statuses) get().statusChanged(status);
      } catch (error) {
        reportIfDisconnected(error);
      }
      // Clusters no longer watched leave the table; new ones are read.
      const gone = Object.keys(get().byCluster).filter((name) => !clusters.includes(name));
      if (gone.length > 0) {
        const byCluster = Object.fromEntries(Object.entries(get().byCluster).filter(([name]) => clusters.includes(name)));
        set({ byCluster, ...derived(byCluster) });
      }
      for (const cluster of clusters) {
        if (!get().byCluster[cluster]?.status?.fetchedAt || get().byCluster[cluster]!.rows.size === 0) void get().list(client, cluster);
      }
    },

    setHistory(client, history) {
      if (history === get().history) return;
      set({ history });
      void get().watch(client, get().watched, get().visible);
      for (const cluster of get().watched) void get().list(client, cluster);
    },

    setUnroll(client, unroll) {
      if (unroll === get().unroll) return;
      set({ unroll });
      for (const cluster of get().watched) void get().list(client, cluster);
    },

    async list(client, cluster, fresh = false) {
      if (get().byCluster[cluster]?.loading) {
        relistAfter.add(cluster);
        return;
      }
      put(cluster, { loading: true, error: null });
      const { history, unroll } = get();
      try {
        const rows = new Map<string, QueueJob>();
        let status: QueueStatus | null = null;
        for (let offset = 0, total = 1; offset < total; offset += pageSize) {
          const page = await client.call('queue.list', { cluster, history, unrollArrays: unroll, sources: 'all', refresh: fresh && offset === 0, offset, limit: pageSize });
          for (const job of page.jobs) rows.set(job.slurmId, job);
          total = page.total;
          status = page.status;
        }
        putRows(cluster, keepUnchanged(get().byCluster[cluster]?.rows, rows), { status, loading: false });
      } catch (error) {
        reportIfDisconnected(error);
        put(cluster, { loading: false, error: error instanceof Error ? error.message : `The queue of ${cluster} could not be read.` });
      }
      if (relistAfter.delete(cluster)) void get().list(client, cluster);
    },

    changed(client, { status, changed, removed, complete }) {
      const { cluster } = status;
      const current = get().byCluster[cluster];
      if (!current || !get().watched.includes(cluster)) return;
      // A change is sent with arrays unrolled; grouped rows of an array cannot be patched with it.
      const touchesArrays = !get().unroll && (changed.some((job) => job.arrayTaskId !== null) || removed.some((id) => id.includes('_')));
      if (!complete || touchesArrays || current.loading) {
        put(cluster, { status });
        void get().list(client, cluster);
        return;
      }
      const rows = new Map(current.rows);
      for (const id of removed) rows.delete(id);
      for (const job of changed) rows.set(job.slurmId, job);
      putRows(cluster, rows, { status });
    },

    statusChanged(status) {
      put(status.cluster, { status });
    },
  };
});

/** The new rows, with each row that is equal to the one before kept as that same object. */
function keepUnchanged(before: ReadonlyMap<string, QueueJob> | undefined, after: Map<string, QueueJob>): Map<string, QueueJob> {
  if (!before || before.size === 0) return after;
  for (const [id, job] of after) {
    const old = before.get(id);
    if (old && sameRow(old, job)) after.set(id, old);
  }
  return after;
}

function sameRow(a: QueueJob, b: QueueJob): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The table's rows of jobs from outside the app, and Slurm's rows of the app's own jobs by app id. */
export function derived(byCluster: Readonly<Record<string, ClusterQueue>>): Pick<QueueState, 'foreign' | 'byAppId'> {
  const foreign: ForeignJob[] = [];
  const byAppId = new Map<string, QueueJob>();
  for (const queue of Object.values(byCluster)) {
    for (const job of queue.rows.values()) {
      if (job.appJobId === null) foreign.push(foreignJob(job));
      // An array of the app may list many tasks: the first row of it speaks for the job.
      else if (!byAppId.has(job.appJobId)) byAppId.set(job.appJobId, job);
    }
  }
  foreign.sort(newestFirst);
  return { foreign, byAppId };
}

/** A cluster's queue, empty until first read. */
export function useClusterQueue(cluster: string): ClusterQueue {
  return useQueueStore((state) => state.byCluster[cluster]) ?? emptyQueue;
}

/**
 * A job from outside the app by its table id (`q/cluster/slurmId`). Once the queue stops listing
 * it (cancelled or ended, where there is no accounting to keep it), its last row stays for the
 * open detail, marked `departed`: a detail that vanished the moment its job was cancelled would
 * hide the outcome of what the person just did.
 */
export function useForeignJob(id: string | null): { job: ForeignJob; departed: boolean } | null {
  const found = useQueueStore((state) => (id === null || !isForeignId(id) ? null : (state.foreign.find((job) => job.id === id) ?? null)));
  const [kept, setKept] = useState<ForeignJob | null>(null);
  if (found !== null && found !== kept) setKept(found);
  if (found !== null) return { job: found, departed: false };
  return kept !== null && kept.id === id ? { job: kept, departed: true } : null;
}
