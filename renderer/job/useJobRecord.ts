import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobRecord } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

function messageOf(error: unknown, fallback: string): string {
  reportIfDisconnected(error);
  return error instanceof Error && error.message ? error.message : fallback;
}

/** The job with its spec (jobs.get); a spec never changes, so it is read once per job. */
export function useJobRecord(client: ContractClient, id: string): Loaded<JobRecord> {
  const [loaded, setLoaded] = useState<{ id: string; state: Loaded<JobRecord> } | null>(null);
  useEffect(() => {
    let live = true;
    client.call('jobs.get', { id }).then(
      (value) => live && setLoaded({ id, state: { status: 'ready', value } }),
      (error: unknown) => live && setLoaded({ id, state: { status: 'failed', message: messageOf(error, 'The job could not be read.') } }),
    );
    return () => {
      live = false;
    };
  }, [client, id]);
  return loaded?.id === id ? loaded.state : { status: 'loading' };
}
