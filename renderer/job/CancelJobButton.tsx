import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { useJobsStore } from '../jobs/jobsStore';

/** Cancelling cannot be undone, so it asks first; the job stays in the list as cancelled. */
export function CancelJobButton({ client, job }: { client: ContractClient; job: JobSummary }) {
  return (
    <ConfirmActionButton
      trigger={{ label: 'Cancel job…', className: 'button button-danger', testId: 'cancel-job' }}
      title={`Cancel ${job.name}?`}
      body={<p>The scheduler stops the job{job.slurmId ? ` (Slurm id ${job.slurmId})` : ''}. Output written so far is kept.</p>}
      keepLabel="Keep running"
      confirmLabel="Cancel job"
      testIds={{ dialog: 'cancel-dialog', confirm: 'confirm-cancel' }}
      failureMessage="The job could not be cancelled."
      onConfirm={async () => {
        const { jobs } = await client.call('jobs.cancel', { ids: [job.id] });
        useJobsStore.getState().merge(jobs);
      }}
    />
  );
}
