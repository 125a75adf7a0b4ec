import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { FormTextField } from '../submit/FormTextField';
import { describeForget, ForgetRisk } from './ForgetHostKeyButton';
import { checkForgetParams, type HostFieldErrors } from './hostPortFields';

/** Hashed names cannot be read back, only matched: the person types the host:port to forget. */
export function ForgetByNameForm({ client, onForgotten }: { client: ContractClient; onForgotten: (message: string) => void }) {
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [errors, setErrors] = useState<HostFieldErrors>({});
  const shown = host.trim() === '' ? 'this host' : port.trim() === '22' || port.trim() === '' ? host.trim() : `[${host.trim()}]:${port.trim()}`;

  return (
    <div className="settings-inline-form" role="group" aria-labelledby="forget-by-name-title" data-testid="forget-by-name">
      <h4 className="subsection-title" id="forget-by-name-title">
        Forget a host by name
      </h4>
      <p className="form-hint">Works for hashed lines too: ssh hashes the name, so it is matched, not shown.</p>
      <div className="settings-host-row">
        <FormTextField label="Host" placeholder="login.hpc.example.org" mono value={host} onChange={(value) => (setHost(value), setErrors({}))} error={errors.host} testId="forget-field-host" />
        <FormTextField label="Port" mono value={port} onChange={(value) => (setPort(value), setErrors({}))} error={errors.port} testId="forget-field-port" />
        <div className="settings-host-row-action">
          <ConfirmActionButton
            trigger={{ label: 'Forget…', className: 'button button-danger', testId: 'forget-by-name-button' }}
            title={`Forget the keys of ${shown}?`}
            body={<ForgetRisk name={shown} />}
            keepLabel="Keep the keys"
            confirmLabel="Forget"
            testIds={{ dialog: 'forget-host-dialog', confirm: 'confirm-forget-host' }}
            failureMessage={`The keys of ${shown} could not be forgotten.`}
            beforeOpen={() => {
              const checked = checkForgetParams(host, port);
              setErrors(checked.ok ? {} : checked.errors);
              return checked.ok;
            }}
            onConfirm={async () => {
              const checked = checkForgetParams(host, port);
              if (!checked.ok) return;
              onForgotten(describeForget(shown, await client.call('hostKeys.forget', checked.params)));
              setHost('');
            }}
          />
        </div>
      </div>
    </div>
  );
}
