import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { SavedCredential } from '../../shared/contract/settingsMethods';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type SavedSignInsState = { entries: SavedCredential[] | null; problem: string | null };

/** The keychain entries by name, read when the section opens and after each deletion. */
export function useSavedSignIns(client: ContractClient) {
  const [state, setState] = useState<SavedSignInsState>({ entries: null, problem: null });
  const reload = useCallback(async () => {
    try {
      const { entries } = await client.call('credentials.list', {});
      setState({ entries, problem: null });
    } catch (error) {
      reportIfDisconnected(error);
      setState((current) => ({ ...current, problem: error instanceof Error ? error.message : 'The keychain could not be read.' }));
    }
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
