import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useJobsStore } from './jobsStore';

/** While the Jobs view is shown: read the list once, then follow jobs.changed. */
export function useJobsFeed(client: ContractClient): void {
  useEffect(() => {
    const { load, merge } = useJobsStore.getState();
    const unsubscribe = client.on('jobs.changed', ({ jobs }) => merge(jobs));
    void load(client);
    return unsubscribe;
  }, [client]);
}
