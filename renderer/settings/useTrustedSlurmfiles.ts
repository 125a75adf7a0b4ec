import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type TrustedSlurmfile = Result<'slurmfiles.trusted'>['slurmfiles'][number];

type TrustedState = { entries: TrustedSlurmfile[] | null; problem: string | null };

/** The trusted Slurmfiles, read when the section opens and after each revocation. */
export function useTrustedSlurmfiles(client: ContractClient) {
  const [state, setState] = useState<TrustedState>({ entries: null, problem: null });
  const reload = useCallback(async () => {
    try {
      const { slurmfiles } = await client.call('slurmfiles.trusted', {});
      setState({ entries: slurmfiles, problem: null });
    } catch (error) {
      reportIfDisconnected(error);
      setState((current) => ({ ...current, problem: error instanceof Error ? error.message : 'The trusted Slurmfiles could not be read.' }));
    }
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
