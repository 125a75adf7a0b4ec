import { create } from 'zustand';
import type { ClusterOverview } from '../../shared/clusters/partitionOverview';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type OverviewEntry = { overview: ClusterOverview | null; loading: boolean; error: string | null };

type ClusterOverviewState = {
  byCluster: Record<string, OverviewEntry>;
  /** Asks the cluster now; views that show the same cluster share the answer. */
  refresh: (client: ContractClient, cluster: string) => Promise<void>;
};

export const emptyEntry: OverviewEntry = { overview: null, loading: false, error: null };

/** Partitions per cluster as `clusters.overview` last reported them. */
export const useClusterOverviewStore = create<ClusterOverviewState>()((set, get) => ({
  byCluster: {},
  async refresh(client, cluster) {
    if (get().byCluster[cluster]?.loading) return;
    const put = (entry: Partial<OverviewEntry>) =>
      set((state) => ({ byCluster: { ...state.byCluster, [cluster]: { ...(state.byCluster[cluster] ?? emptyEntry), ...entry } } }));
    put({ loading: true, error: null });
    try {
      put({ overview: await client.call('clusters.overview', { name: cluster }), loading: false });
    } catch (error) {
      reportIfDisconnected(error);
      put({ loading: false, error: error instanceof Error ? error.message : 'The cluster did not describe its partitions.' });
    }
  },
}));
