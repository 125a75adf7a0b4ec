import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from './useJobRecord';

export type JobResult = Result<'jobs.result'>;

/** A Python task's result, read once the job has ended (and again if it changes state). */
export function useJobResult(client: ContractClient, id: string, task: number | null, ended: boolean): Loaded<JobResult> | null {
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded<JobResult> } | null>(null);
  const key = `${id}:${task}:${ended}`;
  useEffect(() => {
    if (!ended) return;
    let live = true;
    client.call('jobs.result', { id, task }).then(
      (value) => live && setLoaded({ key: `${id}:${task}:true`, state: { status: 'ready', value } }),
      (error: unknown) => {
        reportIfDisconnected(error);
        const message = error instanceof Error ? error.message : 'The result could not be read.';
        if (live) setLoaded({ key: `${id}:${task}:true`, state: { status: 'failed', message } });
      },
    );
    return () => {
      live = false;
    };
  }, [client, id, task, ended]);
  if (!ended) return null;
  return loaded?.key === key ? loaded.state : { status: 'loading' };
}
