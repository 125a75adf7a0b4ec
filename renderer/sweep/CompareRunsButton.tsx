import { memo } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { ResultsPanel } from './ResultsPanel';

const maxCompared = 500;

/** The ticked jobs' results side by side (an array gives a row per task): one table and chart. */
export const CompareRunsButton = memo(function CompareRunsButton({ client, checkedJobs }: { client: ContractClient; checkedJobs: readonly JobSummary[] }) {
  if (checkedJobs.length < 2) return null;
  const jobs = checkedJobs.slice(0, maxCompared);
  return (
    <DialogTrigger>
      <Button className="button button-small" data-testid="compare-runs">
        Compare {jobs.length} results…
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal results-modal">
          <Dialog className="dialog" data-testid="compare-runs-dialog">
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title" className="dialog-title">
                    Results of {jobs.length} jobs
                  </Heading>
                </div>
                <div className="dialog-body">
                  <ResultsPanel client={client} ids={jobs.map((job) => job.id)} name="compared-runs" version="" onOpenLog={null} />
                </div>
                <div className="dialog-footer">
                  <Button className="button" onPress={close}>
                    Close
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
});
