import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from '../job/useJobRecord';
import { useQueueStore } from './queueStore';

/**
 * Everything Slurm knows of one job (queue.job: one scontrol call), read when the job is opened,
 * again whenever its row in the queue changes (`row`), and after every control the person used.
 * The last answer stays on screen while the next is read.
 */
export function useQueueJobDetail(client: ContractClient, cluster: string, slurmId: string, row: unknown): { detail: Loaded<JobDetail>; reload: () => void } {
  const [detail, setDetail] = useState<{ key: string; state: Loaded<JobDetail> } | null>(null);
  const [asked, setAsked] = useState(0);
  const key = `${cluster}/${slurmId}`;

  useEffect(() => {
    let live = true;
    client.call('queue.job', { cluster, slurmId }).then(
      (value) => live && setDetail({ key, state: { status: 'ready', value } }),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setDetail({ key, state: { status: 'failed', message: error instanceof Error ? error.message : `Slurm did not describe job ${slurmId}.` } });
      },
    );
    return () => {
      live = false;
    };
  }, [client, cluster, slurmId, key, row, asked]);

  // After a control the queue is read again too, so the table shows the new state without waiting for the next refresh.
  const reload = useCallback(() => {
    setAsked((count) => count + 1);
    void useQueueStore.getState().list(client, cluster, true);
  }, [client, cluster]);

  return { detail: detail?.key === key ? detail.state : { status: 'loading' }, reload };
}
