import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { FormTextField } from '../submit/FormTextField';
import { AuthMethodSwitches } from './AuthMethodSwitches';
import { type ClusterTextKey, useClusterFormStore } from './clusterFormStore';
import { HostKeyPolicySelect } from './HostKeyPolicySelect';
import { useSaveCluster } from './useSaveCluster';

export function AddClusterForm({ client, onClose }: { client: ContractClient; onClose: () => void }) {
  const fields = useClusterFormStore((state) => state.fields);
  const setText = useClusterFormStore((state) => state.setText);
  const { busy, problems, onSave } = useSaveCluster(client, onClose);
  const errors = problems.fieldErrors;
  const bind = (key: ClusterTextKey) => ({
    value: fields[key],
    onChange: (value: string) => setText(key, value),
    error: errors[key],
    testId: `cluster-field-${key}`,
  });

  return (
    <Form
      className="cluster-form"
      validationBehavior="aria"
      aria-label="Add cluster"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      data-testid="add-cluster-form"
    >
      <h2 className="section-title">Add cluster</h2>
      <div className="cluster-form-row">
        <FormTextField label="Name" description="How the cluster is named in Submit and Jobs." placeholder="hpc" {...bind('name')} />
        <FormTextField label="User" placeholder="alice" {...bind('user')} />
      </div>
      <div className="cluster-form-row cluster-host-row">
        <FormTextField label="Host" placeholder="login.hpc.example.org" mono {...bind('host')} />
        <FormTextField label="Port" mono {...bind('port')} />
      </div>
      <FormTextField
        label="Key files"
        description="One path per line, e.g. ~/.ssh/id_ed25519. Leave empty to use the agent or a password."
        multiline
        rows={2}
        mono
        {...bind('keyFiles')}
      />
      <FormTextField
        label="Jump host (optional)"
        description="user@host:port of a gateway to go through first (ProxyJump)."
        placeholder="alice@gateway.example.org:22"
        mono
        {...bind('jump')}
      />
      <HostKeyPolicySelect error={errors.hostKeyPolicy} />
      <AuthMethodSwitches error={errors.auth} />
      {problems.message && (
        <p className="form-error" role="alert" data-testid="cluster-save-problem">
          {problems.message}
        </p>
      )}
      <div className="form-actions">
        <Button className="button" onPress={onClose} isDisabled={busy}>
          Cancel
        </Button>
        <Button type="submit" className="button button-primary" isDisabled={busy} data-testid="save-cluster">
          {busy ? 'Saving…' : 'Save cluster'}
        </Button>
      </div>
    </Form>
  );
}
