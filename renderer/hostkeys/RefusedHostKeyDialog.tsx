import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { HostKeyProblem } from '../../shared/contract/connectionMethods';
import { useNavigationStore } from '../app/navigationStore';
import { useConnectionsStore } from '../clusters/connectionsStore';

/**
 * A changed or revoked host key. Deliberately unlike the unknown-key dialog: red, the two
 * fingerprints side by side, and no button that accepts the key. The only way on from a changed
 * key is the host-key manager (Settings), where forgetting the old key asks for confirmation.
 */
export function RefusedHostKeyDialog({ problem }: { problem: HostKeyProblem }) {
  const dismiss = useConnectionsStore((state) => state.dismissRefusedKey);
  const showView = useNavigationStore((state) => state.showView);
  const changed = problem.kind === 'changed';

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && dismiss()}>
      <Modal className="modal refused-key-modal">
        <Dialog className="dialog refused-key-dialog" role="alertdialog" data-testid="refused-host-key-dialog">
          <div className="dialog-header refused-key-header">
            <Heading slot="title" className="dialog-title">
              {changed ? `The host key of ${problem.hopLabel} has changed` : `${problem.hopLabel} presented a revoked host key`}
            </Heading>
          </div>
          <div className="dialog-body prompt-body">
            <p className="refused-key-lead">
              {changed
                ? 'Someone could be intercepting this connection (a man-in-the-middle attack), or the server’s key was replaced. Slurm Desk closed the connection before sending anything.'
                : 'A revoked key may be a stolen one used to impersonate this host. Slurm Desk closed the connection before sending anything.'}
            </p>
            <div className="refused-key-columns">
              <section className="refused-key-column" aria-labelledby="refused-key-known">
                <h3 id="refused-key-known" className="subsection-title">
                  {changed ? 'Last known' : 'Marked @revoked'}
                </h3>
                {problem.known.map((key) => (
                  <dl key={`${key.file}:${key.line}`} className="prompt-facts">
                    <dt>Key type</dt>
                    <dd className="mono">{key.keyType}</dd>
                    <dt>Fingerprint</dt>
                    <dd className="fingerprint" data-testid="refused-key-known-fingerprint">
                      {key.fingerprint}
                    </dd>
                    <dt>Saved in</dt>
                    <dd className="mono" data-testid="refused-key-known-location">
                      {key.file}:{key.line}
                    </dd>
                  </dl>
                ))}
              </section>
              <section className="refused-key-column refused-key-presented" aria-labelledby="refused-key-presented">
                <h3 id="refused-key-presented" className="subsection-title">
                  Presented now
                </h3>
                <dl className="prompt-facts">
                  <dt>Key type</dt>
                  <dd className="mono">{problem.keyType}</dd>
                  <dt>Fingerprint</dt>
                  <dd className="fingerprint" data-testid="refused-key-presented-fingerprint">
                    {problem.presented}
                  </dd>
                </dl>
              </section>
            </div>
            <p>
              {changed
                ? 'Ask your site whether the key really changed and what its new fingerprint is. Only then forget the old key in Settings → Host keys, and connect again to check the new one.'
                : 'Ask your site for the host’s current key. Do not remove the @revoked line.'}
            </p>
          </div>
          <div className="dialog-footer">
            {changed && (
              <Button
                className="button"
                onPress={() => {
                  dismiss();
                  showView('settings');
                }}
                data-testid="open-host-key-manager"
              >
                Open the host-key manager
              </Button>
            )}
            <Button className="button button-primary" autoFocus onPress={dismiss} data-testid="close-refused-host-key">
              Close
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
