import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { AppError } from '../../shared/errors';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { FormTextField } from '../submit/FormTextField';
import { detailsToFields } from './detailsToFields';
import { checkTrustParams, hostFieldNames, type HostFieldErrors } from './hostPortFields';

/**
 * Trust a host before the first connection, from the fingerprint the site published: main scans
 * the key and saves it only if it matches exactly.
 */
export function TrustByFingerprintForm({ client, onTrusted }: { client: ContractClient; onTrusted: (message: string) => void }) {
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [fingerprint, setFingerprint] = useState('');
  const [errors, setErrors] = useState<HostFieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = (setter: (value: string) => void) => (value: string) => {
    setter(value);
    setErrors({});
    setProblem(null);
  };

  async function trust() {
    const checked = checkTrustParams(host, port, fingerprint);
    if (!checked.ok) {
      setErrors(checked.errors);
      setProblem(null);
      return;
    }
    setBusy(true);
    try {
      const trusted = await client.call('hostKeys.trust', checked.params);
      setFingerprint('');
      onTrusted(`Trusted the ${trusted.keyType} key of ${checked.params.host}:${checked.params.port} (${trusted.fingerprint}).`);
    } catch (error) {
      reportIfDisconnected(error);
      const fieldErrors = error instanceof AppError ? detailsToFields(error.details ?? [], hostFieldNames) : {};
      setErrors(fieldErrors);
      setProblem(Object.keys(fieldErrors).length > 0 ? null : error instanceof Error ? error.message : 'The host could not be trusted.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      className="settings-inline-form"
      validationBehavior="aria"
      aria-labelledby="trust-by-fingerprint-title"
      onSubmit={(event) => {
        event.preventDefault();
        void trust();
      }}
      data-testid="trust-by-fingerprint"
    >
      <h4 className="subsection-title" id="trust-by-fingerprint-title">
        Trust a host by its published fingerprint
      </h4>
      <div className="settings-host-row">
        <FormTextField label="Host" placeholder="login.hpc.example.org" mono value={host} onChange={edit(setHost)} error={errors.host} testId="trust-field-host" />
        <FormTextField label="Port" mono value={port} onChange={edit(setPort)} error={errors.port} testId="trust-field-port" />
      </div>
      <FormTextField
        label="Fingerprint your site published"
        description="SHA256: followed by 43 characters, as ssh-keygen -lf prints it. The key is saved only if the host presents exactly this one."
        placeholder="SHA256:…"
        mono
        value={fingerprint}
        onChange={edit(setFingerprint)}
        error={errors.fingerprint}
        testId="trust-field-fingerprint"
      />
      {problem && (
        <p className="form-error" role="alert" data-testid="trust-problem">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" className="button" isDisabled={busy} data-testid="trust-host">
          {busy ? 'Checking…' : 'Check and trust'}
        </Button>
      </div>
    </Form>
  );
}
