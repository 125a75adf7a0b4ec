import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useJobsStore } from './jobsStore';
import { useJobsTableStore } from './jobsTableStore';

/**
 * Mounted once in the frame: the list is read once per window and then kept current by
 * jobs.changed, so coming back to Jobs shows it at once instead of reading 100,000 jobs again.
 * The tasks of an open array are read again whenever the array changes.
 */
export function useJobsFeed(client: ContractClient): void {
  useEffect(() => {
    useJobsStore.getState().follow(client);
    return client.on('jobs.changed', ({ jobs }) => useJobsTableStore.getState().jobsChanged(client, jobs.map((job) => job.id)));
  }, [client]);
}
