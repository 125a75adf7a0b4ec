import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useClustersStore } from './clustersStore';

/** Removing forgets the profile only: jobs already run there and known host keys stay. */
export function RemoveClusterButton({ client, name }: { client: ContractClient; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove(close: () => void) {
    setBusy(true);
    setError(null);
    try {
      await client.call('clusters.remove', { name });
      useClustersStore.getState().forget(name);
      close();
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : `${name} could not be removed.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogTrigger>
      <Button className="button button-small button-danger" aria-label={`Remove ${name}`} data-testid={`remove-cluster-${name}`}>
        Remove…
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog" data-testid="remove-cluster-dialog">
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title" className="dialog-title">
                    Remove {name}?
                  </Heading>
                </div>
                <div className="dialog-body">
                  <p>The profile is deleted. Jobs already run on {name} stay in the list, and its host keys stay in known_hosts.</p>
                  {error && (
                    <p className="form-error" role="alert">
                      {error}
                    </p>
                  )}
                </div>
                <div className="dialog-footer">
                  <Button className="button" onPress={close} autoFocus>
                    Keep
                  </Button>
                  <Button className="button button-danger" isDisabled={busy} onPress={() => void remove(close)} data-testid="confirm-remove-cluster">
                    Remove
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
