import type { ContractClient } from '../../shared/contract/client';
import { ForgetHostKeyButton } from './ForgetHostKeyButton';
import { forgettableNames, formatHostPort, isHashedName, isUserKnownHostsFile } from './knownHostNames';
import type { KnownHostEntry } from './useHostKeys';
import '../hostkeys/hostKeyPrompt.css';

const markerText = { revoked: 'revoked', 'cert-authority': 'certificate authority' } as const;

function HostNames({ hosts }: { hosts: string }) {
  if (isHashedName(hosts)) {
    return (
      <span className="host-key-hashed" title="ssh stored a hash of the name (HashKnownHosts); forget it by name below">
        hashed name
      </span>
    );
  }
  return <span className="mono host-key-names">{hosts.split(',').join(', ')}</span>;
}

function RowActions({ client, entry, onForgotten }: { client: ContractClient; entry: KnownHostEntry; onForgotten: (message: string) => void }) {
  if (!isUserKnownHostsFile(entry.file)) return <span className="form-hint">read-only</span>;
  const names = forgettableNames(entry.hosts);
  if (names.length === 0) return <span className="form-hint">{isHashedName(entry.hosts) ? 'by name below' : 'wildcard line'}</span>;
  return (
    <div className="host-key-actions">
      {names.map((target) => (
        <ForgetHostKeyButton key={formatHostPort(target)} client={client} target={target} onForgotten={onForgotten} />
      ))}
    </div>
  );
}

/** known_hosts as the person needs to judge it: which host, which key, where it is written. */
export function HostKeyTable({ client, entries, onForgotten }: { client: ContractClient; entries: KnownHostEntry[]; onForgotten: (message: string) => void }) {
  return (
    <div className="settings-table-wrap">
      <table className="settings-table host-key-table" data-testid="host-key-table">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Key</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Where</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.file}:${entry.line}`} data-testid="host-key-row" data-marker={entry.marker ?? undefined}>
              <td>
                <HostNames hosts={entry.hosts} />
                {entry.marker && <span className={`host-key-marker host-key-marker-${entry.marker}`}>@{markerText[entry.marker]}</span>}
              </td>
              <td className="mono host-key-type">{entry.keyType}</td>
              <td>
                <span className="fingerprint host-key-fingerprint">{entry.fingerprint}</span>
              </td>
              <td className="mono host-key-where">
                {entry.file}:{entry.line}
              </td>
              <td>
                <RowActions client={client} entry={entry} onForgotten={onForgotten} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
