import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { FormTextField } from '../submit/FormTextField';
import { ClusterChoice } from './ClusterChoice';
import { useTerminalStore } from './terminalStore';

/** A shell on the cluster's login node, or — with a job id — inside that running job. */
export function OpenTerminalForm({ client }: { client: ContractClient }) {
  const [cluster, setCluster] = useState('embedded');
  const [job, setJob] = useState('');
  const [node, setNode] = useState('');
  const opening = useTerminalStore((state) => state.opening);
  const error = useTerminalStore((state) => state.error);
  return (
    <Form
      className="interactive-form"
      onSubmit={(event) => {
        event.preventDefault();
        void useTerminalStore.getState().open(client, { cluster, job: job.trim() || null, node: node.trim() || null });
      }}
    >
      <ClusterChoice client={client} value={cluster} onChange={setCluster} testId="terminal-cluster" />
      <FormTextField label="Inside job (optional)" value={job} onChange={setJob} placeholder="sd-… or Slurm id" mono testId="terminal-job" />
      <FormTextField label="Node (optional)" value={node} onChange={setNode} placeholder="first node" mono testId="terminal-node" />
      <Button type="submit" className="button button-primary" isDisabled={opening} data-testid="terminal-open">
        {opening ? 'Opening…' : 'Open terminal'}
      </Button>
      {error && (
        <p className="form-error" role="alert" data-testid="terminal-error">
          {error}
        </p>
      )}
    </Form>
  );
}
