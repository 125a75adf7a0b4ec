import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import { trustShownSlurmfile } from './projectActions';
import { useSlurmfileStore } from './slurmfileStore';
import { TrustFacts } from './TrustFacts';

/**
 * What trusting means, shown before it is done: the path, the SHA-256 of the exact content, every
 * callback and template. Trust sends the hash shown here, so a file edited meanwhile is refused.
 */
export function TrustDialog({ client, view }: { client: ContractClient; view: SlurmfileView }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useSlurmfileStore((state) => state.busy);
  const changed = useSlurmfileStore((state) => state.changed);

  async function trust(close: () => void) {
    setError(null);
    const outcome = await trustShownSlurmfile(client, view);
    if (outcome.trusted) close();
    else setError(outcome.message);
  }

  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        if (next) setError(null);
        setOpen(next);
      }}
    >
      <Button className="button button-primary button-small review-trust-button" data-testid="review-trust">
        Review and trust…
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal trust-modal">
          <Dialog className="dialog" data-testid="trust-dialog">
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title" className="dialog-title">
                    Trust this Slurmfile?
                  </Heading>
                </div>
                <div className="dialog-body prompt-body">
                  {changed && error === null && (
                    <p className="banner" data-level="warning" data-testid="trust-changed">
                      The file changed since it was shown: below is what it holds now.
                    </p>
                  )}
                  <p>
                    Trusting lets Slurm Desk offer this file’s templates and run its callbacks on this computer, with your permissions, for
                    the jobs you submit under it. Trust only a file whose content you know. Any edit to it needs trusting again.
                  </p>
                  <TrustFacts view={view} />
                  {error && (
                    <p className="form-error" role="alert" data-testid="trust-error">
                      {error}
                    </p>
                  )}
                </div>
                <div className="dialog-footer">
                  <Button className="button" onPress={close} autoFocus data-testid="cancel-trust">
                    Cancel
                  </Button>
                  <Button className="button button-primary" isDisabled={busy !== null} onPress={() => void trust(close)} data-testid="confirm-trust">
                    Trust this content
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
