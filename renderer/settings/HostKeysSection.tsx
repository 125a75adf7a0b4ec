import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { ForgetByNameForm } from './ForgetByNameForm';
import { HostKeyTable } from './HostKeyTable';
import { TrustByFingerprintForm } from './TrustByFingerprintForm';
import { useHostKeys } from './useHostKeys';

/** The host-key manager: what known_hosts holds, forgetting a key, trusting one ahead of time. */
export function HostKeysSection({ client }: { client: ContractClient }) {
  const { entries, skippedLines, loading, error, reload } = useHostKeys(client);
  const [message, setMessage] = useState<string | null>(null);
  const changed = (text: string) => {
    setMessage(text);
    void reload();
  };

  return (
    <div className="settings-stack">
      <p className="form-hint">
        Keys from ~/.ssh/known_hosts, which ssh and Slurm Desk share. Keys from known_hosts2 and the system files are shown read-only.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {message && (
        <p className="settings-status" role="status" data-testid="host-keys-status">
          {message}
        </p>
      )}
      {!loading && entries.length === 0 && !error && <p className="settings-empty">No known host keys yet.</p>}
      {entries.length > 0 && <HostKeyTable client={client} entries={entries} onForgotten={changed} />}
      {skippedLines > 0 && (
        <p className="form-hint" data-testid="host-keys-skipped">
          {skippedLines} {skippedLines === 1 ? 'line' : 'lines'} of known_hosts could not be read and {skippedLines === 1 ? 'was' : 'were'} left as
          {skippedLines === 1 ? ' it is' : ' they are'}.
        </p>
      )}
      <ForgetByNameForm client={client} onForgotten={changed} />
      <TrustByFingerprintForm client={client} onTrusted={changed} />
    </div>
  );
}
