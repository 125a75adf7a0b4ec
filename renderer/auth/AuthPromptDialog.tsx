import { useState } from 'react';
import { Button, Checkbox, Dialog, Form, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { LinkifiedText } from '../app/LinkifiedText';
import type { ContractClient } from '../../shared/contract/client';
import type { Params } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { type AuthPrompt, useAuthPromptStore } from './authPromptStore';
import { authPromptAccount, describeAuthPrompt } from './describeAuthPrompt';
import { useKeychainStatus } from './useKeychainStatus';

/**
 * Secrets live only in this component's state, never in a store, and the fields are emptied as
 * soon as the answer is sent, whatever the outcome.
 */
export function AuthPromptDialog({ client, prompt }: { client: ContractClient; prompt: AuthPrompt }) {
  const [values, setValues] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const [keep, setKeep] = useState(false);
  const keychain = useKeychainStatus(client, prompt.canSave);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(params: Params<'auth.answer'>) {
    setBusy(true);
    setError(null);
    setValues(prompt.prompts.map(() => ''));
    try {
      await client.call('auth.answer', params);
      useAuthPromptStore.getState().close(prompt.id);
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : 'The answer could not be sent.');
      setBusy(false);
    }
  }

  const cancel = () => void send({ id: prompt.id, cancel: true });
  const account = authPromptAccount(prompt);
  // The keychain when it works; otherwise main's memory until it quits (never this window's).
  const keepIn = !prompt.canSave || keychain === null ? null : keychain.available ? 'keychain' : 'session';

  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      onOpenChange={(open) => {
        if (!open) cancel();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" data-testid="auth-dialog">
          <Form
            className="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              void send({ id: prompt.id, values, save: keepIn === 'keychain' && keep, rememberForSession: keepIn === 'session' && keep });
            }}
          >
            <div className="dialog-header">
              <Heading slot="title" className="dialog-title">
                {describeAuthPrompt(prompt)}
              </Heading>
            </div>
            <div className="dialog-body prompt-body">
              <p data-testid="auth-where">
                Signing in to <strong>{prompt.cluster}</strong>
                {prompt.hop ? <> through {prompt.hop}</> : null}
                {account ? (
                  <>
                    {' '}
                    as <span className="mono">{account}</span>
                  </>
                ) : null}
                .
              </p>
              {prompt.retry && (
                <p className="form-error" role="alert" data-testid="auth-retry">
                  {prompt.retry}
                </p>
              )}
              {prompt.instructions.trim() !== '' && (
                <p className="auth-instructions" data-testid="auth-instructions">
                  <LinkifiedText client={client} text={prompt.instructions} />
                </p>
              )}
              {prompt.prompts.map((field, index) => (
                <TextField
                  key={index}
                  className="form-field"
                  type={field.echo ? 'text' : 'password'}
                  value={values[index] ?? ''}
                  onChange={(value) => setValues((current) => current.map((old, i) => (i === index ? value : old)))}
                  autoFocus={index === 0}
                >
                  <Label className="form-label">{field.prompt.trim() || 'Answer'}</Label>
                  <Input className="form-input" autoComplete="off" spellCheck={false} />
                </TextField>
              ))}
              {keepIn !== null && (
                <Checkbox className="checkbox" isSelected={keep} onChange={setKeep} data-testid="auth-keep">
                  <span className="checkbox-box" aria-hidden="true" />
                  {keepIn === 'keychain' ? 'Save in keychain' : 'Remember until Slurm Desk quits'}
                </Checkbox>
              )}
              {keepIn === 'session' && keychain?.reason && (
                <p className="form-hint" data-testid="auth-no-keychain">
                  The OS keychain cannot be used here: {keychain.reason}. A remembered {prompt.kind === 'passphrase' ? 'passphrase' : 'password'} stays
                  in Slurm Desk&apos;s memory only and is forgotten when it quits.
                </p>
              )}
              {error && (
                <p className="form-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <div className="dialog-footer">
              <Button className="button" isDisabled={busy} onPress={cancel}>
                Cancel
              </Button>
              <Button type="submit" className="button button-primary" isDisabled={busy}>
                OK
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
