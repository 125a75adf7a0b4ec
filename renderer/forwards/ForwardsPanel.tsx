import { useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { FormTextField } from '../submit/FormTextField';
import { ClusterChoice } from '../terminal/ClusterChoice';
import { useForwardsStore } from './forwardsStore';

const message = (error: unknown) => (error instanceof Error ? error.message : 'The forward failed.');

/** Port forwards of this window: open one to a job's node or the login node, see them, close them. */
export function ForwardsPanel({ client }: { client: ContractClient }) {
  const forwards = useForwardsStore((state) => state.forwards);
  const webApps = useForwardsStore((state) => state.webApps);
  const [cluster, setCluster] = useState('embedded');
  const [job, setJob] = useState('');
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stop = client.on('forwards.changed', (forward) => useForwardsStore.getState().changed(forward));
    client.call('forwards.list', {}).then(({ forwards: listed }) => useForwardsStore.getState().replaceAll(listed), reportIfDisconnected);
    return stop;
  }, [client]);

  const act = (work: Promise<unknown>) => {
    setError(null);
    work.catch((failure: unknown) => {
      reportIfDisconnected(failure);
      setError(message(failure));
    });
  };

  return (
    <section className="interactive-section" aria-labelledby="forwards-title" data-testid="forwards-panel">
      <h2 id="forwards-title">Port forwards</h2>
      <Form
        className="interactive-form"
        onSubmit={(event) => {
          event.preventDefault();
          const remotePort = Number(port);
          if (!Number.isInteger(remotePort) || remotePort < 1 || remotePort > 65535) return setError('The remote port is a number from 1 to 65535.');
          act(client.call('forwards.open', { cluster, job: job.trim() || null, remotePort }).then((forward) => useForwardsStore.getState().changed(forward)));
        }}
      >
        <ClusterChoice client={client} value={cluster} onChange={setCluster} testId="forward-cluster" />
        <FormTextField label="Job (empty: the login node)" value={job} onChange={setJob} placeholder="sd-… or Slurm id" mono testId="forward-job" />
        <FormTextField label="Remote port" value={port} onChange={setPort} placeholder="8888" mono testId="forward-port" />
        <Button type="submit" className="button" data-testid="forward-open">
          Forward
        </Button>
      </Form>
      {error && (
        <p className="form-error" role="alert" data-testid="forward-error">
          {error}
        </p>
      )}
      <ul className="forward-list" data-testid="forward-list">
        {forwards.map((forward) => {
          const app = webApps[forward.id];
          return (
            <li key={forward.id} className={`forward-row forward-${forward.state}`} data-testid="forward-row">
              <span className="mono">
                127.0.0.1:{forward.localPort} → {forward.targetHost}:{forward.targetPort}
              </span>
              <span>
                {forward.cluster}
                {forward.job ? `, job ${forward.job}` : ''} · {forward.connections} connection(s)
              </span>
              {forward.message && <span className="form-hint">{forward.message}</span>}
              {app && (
                <span className="forward-webapp">
                  <Button className="button button-small" onPress={() => act(client.call('app.openExternal', { url: app.url }))} data-testid="webapp-open-browser">
                    Open in browser
                  </Button>
                  <Button className="button button-small" onPress={() => void navigator.clipboard?.writeText(app.token).catch(() => undefined)} data-testid="webapp-copy-token">
                    Copy token
                  </Button>
                  <Button
                    className="button button-small button-danger"
                    onPress={() => act(client.call('jobs.cancel', { ids: [app.job] }).then(() => client.call('forwards.close', { id: forward.id })))}
                    data-testid="webapp-stop"
                  >
                    Stop app
                  </Button>
                </span>
              )}
              {forward.state === 'connection-lost' && (
                <Button className="button button-small" onPress={() => act(client.call('forwards.reconnect', { id: forward.id }).then((info) => useForwardsStore.getState().changed(info)))}>
                  Reconnect
                </Button>
              )}
              <Button className="button button-small" onPress={() => act(client.call('forwards.close', { id: forward.id }))} data-testid="forward-close">
                Close
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
