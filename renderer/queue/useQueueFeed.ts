import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useClustersStore } from '../clusters/clustersStore';
import { useConnectionsStore } from '../clusters/connectionsStore';
import { useQueueStore } from './queueStore';

function subscribeVisibility(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** Whether the window is on screen (not minimized, not a background tab). */
function useWindowVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
}

/**
 * Mounted once in the frame. Tells the queue service which clusters this window shows and whether
 * it is seen, so the service refreshes quickly only while someone looks (and slowly, or not at all,
 * otherwise): built-in clusters always, saved ones only while connected, so watching never opens
 * a connection or a sign-in prompt by itself.
 */
export function useQueueFeed(client: ContractClient): void {
  const builtIn = useClustersStore((state) => state.builtIn);
  const profiles = useClustersStore((state) => state.profiles);
  const connections = useConnectionsStore((state) => state.byName);
  const visible = useWindowVisible();
  const connected = profiles.filter((profile) => connections[profile.name]?.state === 'connected').map((profile) => profile.name);
  const clustersKey = [...builtIn.map((cluster) => cluster.name), ...connected].join('\n');
  const clusters = useMemo(() => (clustersKey === '' ? [] : clustersKey.split('\n')), [clustersKey]);

  useEffect(() => {
    const store = useQueueStore.getState();
    const offChanged = client.on('queue.changed', (change) => store.changed(client, change));
    const offStatus = client.on('queue.status', (status) => store.statusChanged(status));
    const clustersStore = useClustersStore.getState();
    if (!clustersStore.loaded && !clustersStore.loading) void clustersStore.load(client);
    return () => {
      offChanged();
      offStatus();
    };
  }, [client]);

  useEffect(() => {
    void useQueueStore.getState().watch(client, clusters, visible);
  }, [client, clusters, visible]);
}
