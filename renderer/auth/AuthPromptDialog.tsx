import { useState } from 'react';
import { Button, Checkbox, Dialog, Form, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { LinkifiedText } from '../app/LinkifiedText';
import type { ContractClient } from '../../shared/contract/client';
import type { Params } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { type AuthPrompt, useAuthPromptStore } from './authPromptStore';
import { describeAuthPrompt } from './describeAuthPrompt';

/**
 * Secrets live only in this component's state, never in a store, and the fields are emptied as
 * soon as the answer is sent, whatever the outcome.
 */
export function AuthPromptDialog({ client, prompt }: { client: ContractClient; prompt: AuthPrompt }) {
  const [values, setValues] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const [save, setSave] = useState(false);
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
  const where = [prompt.user, prompt.host].filter((part) => part !== null).join('@');

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
              void send({ id: prompt.id, values, save: prompt.canSave && save });
            }}
          >
            <div className="dialog-header">
              <Heading slot="title" className="dialog-title">
                {describeAuthPrompt(prompt)}
              </Heading>
            </div>
            <div className="dialog-body prompt-body">
              <p>
                Signing in to <strong>{prompt.hopLabel}</strong>
                {where && prompt.port !== null ? ` (${where}:${prompt.port})` : ''}.
              </p>
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
              {prompt.canSave && (
                <Checkbox className="checkbox" isSelected={save} onChange={setSave}>
                  <span className="checkbox-box" aria-hidden="true" />
                  Save in keychain
                </Checkbox>
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
