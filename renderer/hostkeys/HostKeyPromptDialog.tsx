import { useState } from 'react';
import { Button, Dialog, Heading, Input, Label, Modal, ModalOverlay, Text, TextField } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { compareFingerprint } from './compareFingerprint';
import { type HostKeyPrompt, useHostKeyPromptStore } from './hostKeyPromptStore';

type Answer = 'trust' | 'once' | 'cancel';

const comparisonText = { empty: '', matches: 'matches', differs: 'does not match' } as const;

/** An unknown key: the person compares it with what the site published before trusting it. */
export function HostKeyPromptDialog({ client, prompt }: { client: ContractClient; prompt: HostKeyPrompt }) {
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const comparison = compareFingerprint(prompt.fingerprint, pasted);
  // A published fingerprint that differs means this is not the site's key: nothing may accept
  // it. To decide without a published value, the person clears the field.
  const mismatch = comparison === 'differs';

  async function answer(choice: Answer) {
    setBusy(true);
    setError(null);
    const expected = pasted.trim();
    try {
      await client.call('hostKeys.answer', {
        id: prompt.id,
        answer: choice,
        ...(expected !== '' && choice !== 'cancel' ? { expectedFingerprint: expected } : {}),
      });
      useHostKeyPromptStore.getState().close(prompt.id);
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : 'The answer could not be sent.');
      setBusy(false);
    }
  }

  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      onOpenChange={(open) => {
        if (!open) void answer('cancel');
      }}
    >
      <Modal className="modal host-key-modal">
        <Dialog className="dialog" role="alertdialog" data-testid="host-key-dialog">
          <div className="dialog-header">
            <Heading slot="title" className="dialog-title">
              Unknown host key
            </Heading>
          </div>
          <div className="dialog-body prompt-body">
            <p>
              {prompt.hopLabel} presented a key this computer has not seen before. Compare it with the fingerprint your site published
              before you trust it.
            </p>
            <dl className="prompt-facts">
              <dt>Host</dt>
              <dd className="mono">{prompt.host}</dd>
              <dt>Port</dt>
              <dd className="mono">{prompt.port}</dd>
              <dt>Key type</dt>
              <dd className="mono">{prompt.keyType}</dd>
              <dt>Fingerprint</dt>
              <dd className="fingerprint" data-testid="host-key-fingerprint">
                {prompt.fingerprint}
              </dd>
              {prompt.alsoKnownAs.length > 0 && (
                <>
                  <dt>Also known as</dt>
                  <dd className="mono">{prompt.alsoKnownAs.join(', ')}</dd>
                </>
              )}
            </dl>
            {prompt.warnings.length > 0 && (
              <ul className="prompt-warnings" data-testid="host-key-warnings">
                {prompt.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            <TextField className="form-field" value={pasted} onChange={setPasted} data-comparison={comparison}>
              <Label className="form-label">Paste the fingerprint your site published</Label>
              <Input className="form-input fingerprint-input" placeholder="SHA256:…" spellCheck={false} autoComplete="off" />
              {comparison !== 'empty' && (
                <Text slot="description" className="fingerprint-verdict" data-testid="fingerprint-verdict">
                  {comparisonText[comparison]}
                  {mismatch && ': this is not the key your site published, so it cannot be trusted or used. Cancel, or clear the field to decide without a published fingerprint.'}
                </Text>
              )}
            </TextField>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="dialog-footer">
            <Button className="button" isDisabled={busy} onPress={() => void answer('cancel')}>
              Cancel
            </Button>
            <Button className="button" isDisabled={busy || mismatch} onPress={() => void answer('once')}>
              Connect once
            </Button>
            <Button className="button button-primary" isDisabled={busy || mismatch} onPress={() => void answer('trust')}>
              Trust and save
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
