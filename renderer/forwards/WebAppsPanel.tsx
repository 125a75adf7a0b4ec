import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { webAppTemplates, type WebAppTemplateId } from '../../shared/webapps/webAppTemplates';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { FormTextField } from '../submit/FormTextField';
import { ChoiceSelect } from '../terminal/ChoiceSelect';
import { ClusterChoice } from '../terminal/ClusterChoice';
import { useForwardsStore } from './forwardsStore';

/**
 * Start a web app as a job, then wait for it and forward to it. The address opened in the browser
 * carries no token (a browser's command line is readable by every local user); the token is
 * copied into the app's login page instead.
 */
export function WebAppsPanel({ client }: { client: ContractClient }) {
  const [cluster, setCluster] = useState('embedded');
  const [template, setTemplate] = useState<WebAppTemplateId>('jupyter');
  const [command, setCommand] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = webAppTemplates.find((candidate) => candidate.id === template)!;

  const start = async () => {
    setError(null);
    setStatus('Submitting…');
    try {
      const job = await client.call('webApps.start', { cluster, template, ...((template === 'any' || template === 'debugpy') && command.trim() ? { command: command.trim() } : {}) });
      setStatus(`Job ${job.id} submitted; waiting for it to run and answer…`);
      const opened = await client.call('webApps.open', { id: job.id });
      useForwardsStore.getState().webAppOpened(opened.forward, opened.url, opened.token, job.id);
      setStatus(
        template === 'debugpy'
          ? `Job ${job.id} waits for a debugger: attach VS Code ("Python: Remote Attach") to 127.0.0.1:${opened.forward.localPort}.`
          : `${chosen.title} is ready at ${opened.url} (job ${job.id}).`,
      );
    } catch (failure) {
      reportIfDisconnected(failure);
      setStatus(null);
      setError(failure instanceof Error ? failure.message : 'The web app could not be started.');
    }
  };

  return (
    <section className="interactive-section" aria-labelledby="webapps-title" data-testid="webapps-panel">
      <h2 id="webapps-title">Web apps</h2>
      <Form
        className="interactive-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <ClusterChoice client={client} value={cluster} onChange={setCluster} testId="webapp-cluster" />
        <ChoiceSelect
          label="App"
          value={template}
          choices={webAppTemplates.map(({ id, title }) => ({ id, label: title }))}
          onChange={(id) => setTemplate(webAppTemplates.find((candidate) => candidate.id === id)?.id ?? 'jupyter')}
          testId="webapp-template"
        />
        {template === 'any' && <FormTextField label="Command ($PORT is set)" value={command} onChange={setCommand} placeholder='python3 -m http.server "$PORT"' mono testId="webapp-command" />}
        {template === 'debugpy' && <FormTextField label="Script and arguments" value={command} onChange={setCommand} placeholder="train.py --epochs 3" mono testId="webapp-command" />}
        <Button type="submit" className="button button-primary" data-testid="webapp-start">
          Start
        </Button>
      </Form>
      <p className="form-hint">{chosen.description}</p>
      {status && (
        <p role="status" data-testid="webapp-status">
          {status}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="webapp-error">
          {error}
        </p>
      )}
    </section>
  );
}
