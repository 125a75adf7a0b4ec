import { memo, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { cancelInBatches, splitByOrigin, splitCancellable } from './cancelJobs';
import { useQueueStore } from '../queue/queueStore';
import { useJobsStore } from './jobsStore';
import { useJobsTableStore } from './jobsTableStore';

const jobsWord = (count: number) => `${count.toLocaleString()} ${count === 1 ? 'job' : 'jobs'}`;

/**
 * Cancels the ticked jobs that can still be cancelled (waiting or running), after asking; says what
 * was skipped. Memoized: with nothing ticked its props stay the same while jobs change.
 */
export const CancelCheckedButton = memo(function CancelCheckedButton({ client, checkedJobs }: { client: ContractClient; checkedJobs: readonly JobSummary[] }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const { cancellable, skipped } = splitCancellable(checkedJobs);
  const skippedText = skipped > 0 ? ` ${jobsWord(skipped)} already ended and ${skipped === 1 ? 'is' : 'are'} skipped.` : '';

  return (
    <div className="jobs-bulk">
      {cancellable.length > 0 && (
        <ConfirmActionButton
          trigger={{ label: `Cancel ${jobsWord(cancellable.length)}…`, className: 'button button-danger button-small', testId: 'cancel-checked' }}
          title={`Cancel ${jobsWord(cancellable.length)}?`}
          body={
            <p>
              The scheduler stops {cancellable.length === 1 ? 'it' : 'them'}; output written so far is kept.{skippedText}
            </p>
          }
          keepLabel="Keep them"
          confirmLabel={`Cancel ${jobsWord(cancellable.length)}`}
          testIds={{ dialog: 'cancel-checked-dialog', confirm: 'confirm-cancel-checked' }}
          failureMessage="The jobs could not be cancelled."
          onConfirm={async () => {
            const { appIds, foreignByCluster } = splitByOrigin(cancellable);
            await cancelInBatches(appIds, (batch) => client.call('jobs.cancel', { ids: batch }), (jobs) => useJobsStore.getState().merge(jobs));
            const refused: string[] = [];
            for (const [cluster, slurmIds] of foreignByCluster) {
              await cancelInBatches(
                slurmIds,
                async (batch) => {
                  const { outcomes } = await client.call('queue.control', { cluster, slurmIds: batch, action: 'cancel' });
                  refused.push(...outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.slurmId}: ${outcome.message ?? 'refused'}`));
                  return { jobs: [] };
                },
                () => undefined,
              );
              void useQueueStore.getState().list(client, cluster, true);
            }
            useJobsTableStore.getState().setChecked([]);
            const refusedText = refused.length > 0 ? ` Slurm refused ${refused.length}: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? '…' : ''}` : '';
            setOutcome(`Asked the scheduler to cancel ${jobsWord(cancellable.length - refused.length)}.${skippedText}${refusedText}`);
          }}
        />
      )}
      {cancellable.length === 0 && checkedJobs.length > 0 && <p className="form-hint">The selected jobs have ended: nothing to cancel.</p>}
      <p className="form-hint" role="status" data-testid="cancel-outcome">
        {outcome}
      </p>
    </div>
  );
});
