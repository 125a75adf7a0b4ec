import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useJobsStore } from './jobsStore';

/** When the Jobs view first shows on a connection: read the list once, then follow jobs.changed for good. */
export function useJobsFeed(client: ContractClient): void {
  useEffect(() => {
    useJobsStore.getState().follow(client);
  }, [client]);
}
