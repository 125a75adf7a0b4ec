import type { ContractClient } from '../../shared/contract/client';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { formatTimestamp } from '../jobs/formatRelativeTime';
import { openProject } from '../slurmfile/projectActions';
import { useSlurmfileStore } from '../slurmfile/slurmfileStore';
import { useTrustedSlurmfiles, type TrustedSlurmfile } from './useTrustedSlurmfiles';
import '../hostkeys/hostKeyPrompt.css';

/** The Submit view shows the open project's trust: read it again once that trust is gone. */
async function refreshOpenProject(client: ContractClient, file: string): Promise<void> {
  const view = useSlurmfileStore.getState().view;
  if (view?.file === file) await openProject(client, file, view.chosen);
}

function RevokeButton({ client, entry, onRevoked }: { client: ContractClient; entry: TrustedSlurmfile; onRevoked: () => Promise<void> }) {
  return (
    <ConfirmActionButton
      trigger={{ label: 'Revoke…', className: 'button button-small button-danger', ariaLabel: `Revoke trust in ${entry.file}`, testId: 'revoke-slurmfile' }}
      title="Stop trusting this Slurmfile?"
      body={
        <p>
          Templates of <span className="mono">{entry.file}</span> are no longer offered and its callbacks no longer run, until you review and trust it
          again.
        </p>
      }
      keepLabel="Keep trusting"
      confirmLabel="Revoke"
      testIds={{ dialog: 'revoke-slurmfile-dialog', confirm: 'confirm-revoke-slurmfile' }}
      failureMessage="The Slurmfile could not be revoked."
      onConfirm={async () => {
        await client.call('slurmfiles.revoke', { file: entry.file });
        await onRevoked();
        await refreshOpenProject(client, entry.file);
      }}
    />
  );
}

const filesText = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;

/** Each trusted Slurmfile with the exact content (SHA-256) and callbacks that trust covers. */
export function TrustedSlurmfilesSection({ client }: { client: ContractClient }) {
  const { entries, problem, reload } = useTrustedSlurmfiles(client);
  return (
    <div className="settings-stack">
      <p className="form-hint">A Slurmfile’s templates and callbacks load only while its exact content is trusted; any edit to it needs trusting again.</p>
      {problem && (
        <p className="settings-note" data-testid="trusted-slurmfiles-problem">
          {problem}
        </p>
      )}
      {entries && entries.length === 0 && <p className="settings-empty">No trusted Slurmfiles.</p>}
      {entries && entries.length > 0 && (
        <div className="settings-table-wrap">
          <table className="settings-table" data-testid="trusted-slurmfiles">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Callbacks</th>
                <th scope="col">Trusted</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.file} data-testid="trusted-slurmfile-row">
                  <td className="mono trusted-slurmfile-file">{entry.file}</td>
                  <td>
                    <span className="fingerprint trusted-slurmfile-sha">{entry.sha256}</span>
                  </td>
                  <td>
                    <span className="mono">{entry.targets.length > 0 ? entry.targets.join(', ') : <span className="form-hint">none</span>}</span>
                    {entry.callbackModules.map((module) => (
                      <span className="form-hint trusted-slurmfile-bundle" key={module.path} data-testid="trusted-slurmfile-bundle">
                        {module.bundleSha256 ? (
                          <>
                            code pinned as <span className="fingerprint">{module.bundleSha256}</span> ({filesText(module.files?.length ?? 0)})
                          </>
                        ) : (
                          'trusted before imports were pinned: trust it again'
                        )}
                      </span>
                    ))}
                  </td>
                  <td>
                    <time dateTime={entry.trustedAt}>{formatTimestamp(entry.trustedAt)}</time>
                  </td>
                  <td>
                    <RevokeButton client={client} entry={entry} onRevoked={reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
