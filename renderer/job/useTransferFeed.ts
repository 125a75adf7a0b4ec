import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useTransfersStore } from './transfersStore';

/** Keeps the transfers store current while the job detail is open. */
export function useTransferFeed(client: ContractClient): void {
  useEffect(() => client.on('transfer.progress', (progress) => useTransfersStore.getState().report(progress)), [client]);
}
