import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { emptyEntry, useClusterOverviewStore, type OverviewEntry } from './clusterOverviewStore';

/** The cluster's partitions, asked for once when first shown; `refresh` asks again. */
export function useClusterOverview(client: ContractClient, cluster: string): OverviewEntry & { refresh: () => void } {
  const entry = useClusterOverviewStore((state) => state.byCluster[cluster]) ?? emptyEntry;
  useEffect(() => {
    if (cluster === '') return;
    const known = useClusterOverviewStore.getState().byCluster[cluster];
    if (!known) void useClusterOverviewStore.getState().refresh(client, cluster);
  }, [client, cluster]);
  return { ...entry, refresh: () => void useClusterOverviewStore.getState().refresh(client, cluster) };
}
