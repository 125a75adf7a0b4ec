import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { reportIfDisconnected } from './reportIfDisconnected';

type Props = {
  /** The trigger: its text, classes, accessible name and test id. */
  trigger: { label: string; className: string; ariaLabel?: string; testId: string; isDisabled?: boolean; describedBy?: string };
  title: string;
  body: ReactNode;
  keepLabel: string;
  confirmLabel: string;
  testIds: { dialog: string; confirm: string };
  /** Shown when the action fails without a message of its own. */
  failureMessage: string;
  /** The action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: () => Promise<void>;
  /** Checks input first (a form's fields): when it returns false the dialog stays closed. */
  beforeOpen?: () => boolean;
};

/**
 * A destructive action that asks first (cancel a job, remove a cluster): the safe choice has the
 * focus, the action's error stays in the dialog, and a lost connection is reported app-wide.
 */
export function ConfirmActionButton(props: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  async function confirm(close: () => void) {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      close();
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : props.failureMessage);
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        if (next && props.beforeOpen && !props.beforeOpen()) return;
        if (next) setError(null);
        setOpen(next);
      }}
    >
      <Button
        className={props.trigger.className}
        aria-label={props.trigger.ariaLabel}
        aria-describedby={props.trigger.describedBy}
        isDisabled={props.trigger.isDisabled}
        data-testid={props.trigger.testId}
      >
        {props.trigger.label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog" data-testid={props.testIds.dialog}>
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title" className="dialog-title">
                    {props.title}
                  </Heading>
                </div>
                <div className="dialog-body">
                  {props.body}
                  {error && (
                    <p className="form-error" role="alert">
                      {error}
                    </p>
                  )}
                </div>
                <div className="dialog-footer">
                  <Button className="button" onPress={close} autoFocus>
                    {props.keepLabel}
                  </Button>
                  <Button className="button button-danger" isDisabled={busy} onPress={() => void confirm(close)} data-testid={props.testIds.confirm}>
                    {props.confirmLabel}
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
