import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { KeychainStatus } from '../../shared/contract/settingsMethods';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

/** Whether "Save in keychain" can work here, asked when a sign-in dialog opens (null until known). */
export function useKeychainStatus(client: ContractClient, wanted: boolean): KeychainStatus | null {
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    client.call('credentials.keychainStatus', {}).then(
      (found) => live && setStatus(found),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setStatus({ available: false, reason: 'Slurm Desk could not ask whether the keychain works' });
      },
    );
    return () => {
      live = false;
    };
  }, [client, wanted]);
  return status;
}
