import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type KnownHostEntry = Result<'hostKeys.list'>['entries'][number];

type HostKeysState = { entries: KnownHostEntry[]; skippedLines: number; loading: boolean; error: string | null };

/** The known_hosts entries, read when the section opens and again after each change. */
export function useHostKeys(client: ContractClient) {
  const [state, setState] = useState<HostKeysState>({ entries: [], skippedLines: 0, loading: true, error: null });
  const reload = useCallback(async () => {
    try {
      const { entries, skippedLines } = await client.call('hostKeys.list', {});
      setState({ entries, skippedLines, loading: false, error: null });
    } catch (error) {
      reportIfDisconnected(error);
      setState((current) => ({ ...current, loading: false, error: error instanceof Error ? error.message : 'known_hosts could not be read.' }));
    }
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
