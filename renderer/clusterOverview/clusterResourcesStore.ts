import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type Nodes = Result<'queue.nodes'>;
type Reservations = Result<'queue.reservations'>;
export type ResourcesEntry = { nodes: Nodes | null; reservations: Reservations | null; loading: boolean; error: string | null };

export const emptyResources: ResourcesEntry = { nodes: null, reservations: null, loading: false, error: null };

type ClusterResourcesState = {
  byCluster: Record<string, ResourcesEntry>;
  /** Asks the cluster for its nodes and reservations now (two scontrol calls, only when asked). */
  refresh: (client: ContractClient, cluster: string) => Promise<void>;
};

/** Nodes and reservations per cluster, read when the person looks at them, never on a timer. */
export const useClusterResourcesStore = create<ClusterResourcesState>()((set, get) => ({
  byCluster: {},
  async refresh(client, cluster) {
    if (get().byCluster[cluster]?.loading) return;
    const put = (entry: Partial<ResourcesEntry>) =>
      set((state) => ({ byCluster: { ...state.byCluster, [cluster]: { ...(state.byCluster[cluster] ?? emptyResources), ...entry } } }));
    put({ loading: true, error: null });
    try {
      const [nodes, reservations] = await Promise.all([client.call('queue.nodes', { cluster }), client.call('queue.reservations', { cluster })]);
      put({ nodes, reservations, loading: false });
    } catch (error) {
      reportIfDisconnected(error);
      put({ loading: false, error: error instanceof Error ? error.message : `The nodes of ${cluster} could not be read.` });
    }
  },
}));
