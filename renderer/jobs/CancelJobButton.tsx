import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useJobsStore } from './jobsStore';

/** Cancelling cannot be undone, so it asks first; the job stays in the list as cancelled. */
export function CancelJobButton({ client, job }: { client: ContractClient; job: JobSummary }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function cancel(close: () => void) {
    setBusy(true);
    setError(null);
    try {
      const { jobs } = await client.call('jobs.cancel', { ids: [job.id] });
      useJobsStore.getState().merge(jobs);
      close();
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : 'The job could not be cancelled.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogTrigger>
      <Button className="button button-danger" data-testid="cancel-job">
        Cancel job…
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog" data-testid="cancel-dialog">
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title" className="dialog-title">
                    Cancel {job.name}?
                  </Heading>
                </div>
                <div className="dialog-body">
                  <p>The scheduler stops the job{job.slurmId ? ` (Slurm id ${job.slurmId})` : ''}. Output written so far is kept.</p>
                  {error && (
                    <p className="form-error" role="alert">
                      {error}
                    </p>
                  )}
                </div>
                <div className="dialog-footer">
                  <Button className="button" onPress={close} autoFocus>
                    Keep running
                  </Button>
                  <Button className="button button-danger" isDisabled={busy} onPress={() => void cancel(close)} data-testid="confirm-cancel">
                    Cancel job
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
