import type { ContractClient } from '../../shared/contract/client';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { useSavedSignIns } from './useSavedSignIns';

/** The keychain entries Slurm Desk saved: what each is for, and delete. Secrets never come here. */
export function SavedSignInsSection({ client }: { client: ContractClient }) {
  const { entries, problem, reload } = useSavedSignIns(client);

  return (
    <div className="settings-stack">
      <p className="form-hint">Passwords and passphrases you chose to save are kept in the OS keychain. Slurm Desk never shows them.</p>
      {problem && (
        <p className="settings-note" data-testid="saved-sign-ins-problem">
          {problem}
        </p>
      )}
      {entries && entries.length === 0 && <p className="settings-empty">No saved sign-ins.</p>}
      {entries && entries.length > 0 && (
        <ul className="settings-list" data-testid="saved-sign-ins">
          {entries.map((entry) => (
            <li key={entry.account} className="settings-list-item">
              <span>{entry.description}</span>
              <ConfirmActionButton
                trigger={{ label: 'Delete…', className: 'button button-small button-danger', ariaLabel: `Delete: ${entry.description}`, testId: `delete-credential-${entry.account}` }}
                title="Delete this saved sign-in?"
                body={<p>{entry.description} is removed from the OS keychain. Slurm Desk will ask for it at the next connection.</p>}
                keepLabel="Keep"
                confirmLabel="Delete"
                testIds={{ dialog: 'delete-credential-dialog', confirm: 'confirm-delete-credential' }}
                failureMessage="The saved sign-in could not be deleted."
                onConfirm={async () => {
                  await client.call('credentials.delete', { account: entry.account });
                  await reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
