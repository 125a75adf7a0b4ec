import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ClusterProfile } from '../../shared/clusters/clusterProfile';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { ImportedProfileRow } from './ImportedProfileRow';

type Found = Result<'clusters.importSshConfig'>;

/** Proposes a profile per Host alias of ~/.ssh/config; nothing is saved until the person says so. */
export function ImportSshConfigPanel({ client }: { client: ContractClient }) {
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function read() {
    setBusy(true);
    setError(null);
    try {
      setFound(await client.call('clusters.importSshConfig', {}));
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : '~/.ssh/config could not be read.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="import-section" aria-labelledby="import-title" data-testid="import-panel">
      <div className="section-heading">
        <h2 className="section-title" id="import-title">
          Import from ~/.ssh/config
        </h2>
        <Button className="button" onPress={() => void read()} isDisabled={busy} data-testid="import-ssh-config">
          {busy ? 'Reading…' : found ? 'Read again' : 'Import from ~/.ssh/config'}
        </Button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {found && (
        <>
          {found.profiles.length === 0 && <p className="form-hint">No Host alias could become a profile.</p>}
          <ul className="cluster-list" data-testid="import-found">
            {found.profiles.map((profile: ClusterProfile) => (
              <ImportedProfileRow key={profile.name} client={client} profile={profile} />
            ))}
          </ul>
          {found.skipped.length > 0 && (
            <>
              <h3 className="subsection-title">Skipped</h3>
              <ul className="import-skipped" data-testid="import-skipped">
                {found.skipped.map(({ alias, reason }) => (
                  <li key={alias}>
                    <span className="mono">{alias}</span>: {reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {found.notes.length > 0 && (
            <ul className="import-notes form-hint">
              {found.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
