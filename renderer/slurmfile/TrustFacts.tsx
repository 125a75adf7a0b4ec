import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';

const kindText = { script: 'script', python: 'Python' } as const;

/** The facts a trust decision rests on, as a definition list. */
export function TrustFacts({ view }: { view: SlurmfileView }) {
  return (
    <dl className="prompt-facts trust-facts">
      <dt>File</dt>
      <dd className="mono" data-testid="trust-file">
        {view.file}
      </dd>
      <dt>SHA-256</dt>
      <dd className="fingerprint" data-testid="trust-sha256">
        {view.sha256}
      </dd>
      <dt>Callbacks{view.chosen ? ` (${view.chosen})` : ''}</dt>
      <dd>
        {view.callbacks.length === 0 ? (
          <span data-testid="trust-callbacks">None: nothing runs when jobs change.</span>
        ) : (
          <ul className="trust-list" data-testid="trust-callbacks">
            {view.callbacks.map((callback) => (
              <li key={callback.target}>
                <span className="mono">{callback.target}</span>
                <span className="trust-list-note">
                  {callback.runs ? 'runs on this computer at each event of a job' : 'a Python target: listed, never run by Slurm Desk'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Templates{view.chosen ? ` (${view.chosen})` : ''}</dt>
      <dd>
        {view.templates.length === 0 ? (
          <span>None in this environment.</span>
        ) : (
          <ul className="trust-list" data-testid="trust-templates">
            {view.templates.map((template) => (
              <li key={template.name}>
                <span>
                  <strong>{template.name}</strong> ({kindText[template.kind]})
                </span>
                <span className="mono trust-list-note">{template.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
