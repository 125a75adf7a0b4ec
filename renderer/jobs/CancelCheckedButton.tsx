import { memo, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { cancelInBatches, splitCancellable } from './cancelJobs';
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
            const ids = cancellable.map((job) => job.id);
            await cancelInBatches(ids, (batch) => client.call('jobs.cancel', { ids: batch }), (jobs) => useJobsStore.getState().merge(jobs));
            useJobsTableStore.getState().setChecked([]);
            setOutcome(`Asked the scheduler to cancel ${jobsWord(ids.length)}.${skippedText}`);
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
