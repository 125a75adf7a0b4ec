import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from './useJobRecord';

export type JobFolder = Result<'jobs.files'>;

/** The files of the job folder (jobs.files), read again on `reload` and when the job's state changes. */
export function useJobFiles(client: ContractClient, id: string, state: string) {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<JobFolder> } | null>(null);
  const [round, setRound] = useState(0);
  const key = `${id}:${state}:${round}`;
  useEffect(() => {
    let live = true;
    client.call('jobs.files', { id }).then(
      (value) => live && setLoaded({ key, value: { status: 'ready', value } }),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setLoaded({ key, value: { status: 'failed', message: error instanceof Error ? error.message : 'The job folder could not be listed.' } });
      },
    );
    return () => {
      live = false;
    };
  }, [client, id, key]);
  const reload = useCallback(() => setRound((current) => current + 1), []);
  // Keep showing the last list while a new one is read, so the table does not flicker.
  return { folder: loaded?.value ?? { status: 'loading' as const }, reload };
}
