import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useConnectionsStore } from './connectionsStore';

/** Mounted once in the frame: connection states matter to every view, not just Clusters. */
export function useConnectionsFeed(client: ContractClient): void {
  useEffect(() => {
    const { load, update } = useConnectionsStore.getState();
    const unsubscribe = client.on('clusters.connection', update);
    void load(client);
    return unsubscribe;
  }, [client]);
}
