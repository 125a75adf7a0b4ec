import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { FormTextField } from '../submit/FormTextField';
import { AuthMethodSwitches } from './AuthMethodSwitches';
import { type ClusterTextKey, useClusterFormStore } from './clusterFormStore';
import { HostKeyPolicySelect } from './HostKeyPolicySelect';
import { KeyFilePicker } from './KeyFilePicker';
import { useSaveCluster } from './useSaveCluster';

/** Adding a cluster, or editing a saved one (then its name is fixed: jobs refer to it). */
export function ClusterProfileForm({ client, onClose }: { client: ContractClient; onClose: () => void }) {
  const fields = useClusterFormStore((state) => state.fields);
  const editing = useClusterFormStore((state) => state.editing);
  const title = editing ? `Edit ${editing}` : 'Add cluster';
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
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      data-testid="add-cluster-form"
    >
      <h2 className="section-title">{title}</h2>
      <div className="cluster-form-row">
        <FormTextField
          label="Name"
          description={editing ? 'Jobs refer to the cluster by name, so it stays.' : 'How the cluster is named in Submit and Jobs.'}
          placeholder="hpc"
          isReadOnly={editing !== null}
          {...bind('name')}
        />
        <FormTextField label="User" placeholder="alice" {...bind('user')} />
      </div>
      <div className="cluster-form-row cluster-host-row">
        <FormTextField label="Host" placeholder="login.hpc.example.org" mono {...bind('host')} />
        <FormTextField label="Port" mono {...bind('port')} />
      </div>
      <FormTextField
        label="Key files"
        description="One path per line, e.g. ~/.ssh/id_ed25519. Leave empty to try ~/.ssh/id_rsa, id_ecdsa and id_ed25519 as ssh does."
        multiline
        rows={2}
        mono
        {...bind('keyFiles')}
      />
      <KeyFilePicker client={client} />
      <FormTextField
        label="Jump host (optional)"
        description="user@host:port of a gateway to go through first (ProxyJump)."
        placeholder="alice@gateway.example.org:22"
        mono
        {...bind('jump')}
      />
      {fields.jump.trim() !== '' && (
        <FormTextField
          label="Jump host key files (optional)"
          description="One path per line. Leave empty to use the cluster's key files above (or ssh's default keys when there are none)."
          multiline
          rows={2}
          mono
          {...bind('jumpKeyFiles')}
        />
      )}
      <FormTextField
        label="Job base folder (optional)"
        description="Where job folders go on this cluster; empty uses the folder set in Settings (~/slurm_jobs)."
        placeholder="~/slurm_jobs"
        mono
        {...bind('jobBaseDir')}
      />
      <div className="cluster-form-row cluster-defaults-row">
        <FormTextField label="Default partition" mono {...bind('partition')} />
        <FormTextField label="Default account" mono {...bind('account')} />
        <FormTextField label="Default QOS" mono {...bind('qos')} />
      </div>
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
