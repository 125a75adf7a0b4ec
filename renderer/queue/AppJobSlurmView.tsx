import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import type { QueueJob } from '../../shared/queue/queueJob';
import { QueueEfficiencySection } from './QueueEfficiencySection';
import { QueueWaitSection } from './QueueWaitSection';
import { useQueueStore } from './queueStore';
import { useQueueJobDetail } from './useQueueJobDetail';

/**
 * For a job the app submitted, what the cluster adds to its record: why it waits and what could
 * change that, when Slurm expects it to start, and its efficiency once it ended. Shown once the
 * queue lists the job (so never for This computer's jobs); an array's tasks each have their own.
 */
export function AppJobSlurmView({ client, job }: { client: ContractClient; job: JobSummary }) {
  const row = useQueueStore((state) => state.byAppId.get(job.id));
  if (!row || job.tasks !== null || row.arrayTaskId !== null) return null;
  return <SlurmView client={client} row={row} />;
}

function SlurmView({ client, row }: { client: ContractClient; row: QueueJob }) {
  const { detail } = useQueueJobDetail(client, row.cluster, row.slurmId, row);
  if (detail.status !== 'ready') return null;
  return (
    <>
      <QueueWaitSection client={client} job={detail.value} />
      {detail.value.efficiency && <QueueEfficiencySection efficiency={detail.value.efficiency} />}
    </>
  );
}
