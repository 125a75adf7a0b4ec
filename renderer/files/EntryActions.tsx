import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { RemoteEntry } from '../../shared/contract/filesMethods';
import { fileNameProblem } from '../../shared/files/remotePath';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { ConfirmActionButton } from '../app/ConfirmActionButton';

/** Rename and Delete for one entry, each asking first; the cluster's permissions decide the rest. */
export function EntryActions({ client, cluster, path, entry, onChanged }: { client: ContractClient; cluster: string; path: string; entry: RemoteEntry; onChanged: () => void }) {
  const [name, setName] = useState(entry.name);
  const shown = visibleFileName(entry.name);
  const problem = fileNameProblem(name);
  return (
    <>
      <ConfirmActionButton
        trigger={{ label: 'Rename…', className: 'button button-small', ariaLabel: `Rename ${shown}`, testId: 'entry-rename' }}
        title={`Rename ${shown}`}
        body={
          <label className="results-control">
            New name <input className="input" value={name} onChange={(event) => setName(event.target.value)} data-testid="rename-field" />
            {problem && name !== '' && <span className="form-error">{problem}</span>}
          </label>
        }
        keepLabel="Keep the name"
        confirmLabel="Rename"
        testIds={{ dialog: 'rename-dialog', confirm: 'confirm-rename' }}
        failureMessage={`${shown} could not be renamed.`}
        onConfirm={async () => {
          if (problem) throw new Error(problem);
          await client.call('files.rename', { cluster, path, name });
          onChanged();
        }}
      />
      <ConfirmActionButton
        trigger={{ label: 'Delete…', className: 'button button-small button-danger', ariaLabel: `Delete ${shown}`, testId: 'entry-delete' }}
        title={`Delete ${shown}?`}
        body={<p>{entry.isDirectory ? `The folder ${shown} and everything in it are deleted on ${cluster}. This cannot be undone.` : `${shown} is deleted on ${cluster}. This cannot be undone.`}</p>}
        keepLabel="Keep it"
        confirmLabel="Delete"
        testIds={{ dialog: 'delete-dialog', confirm: 'confirm-delete' }}
        failureMessage={`${shown} could not be deleted.`}
        onConfirm={async () => {
          await client.call('files.delete', { cluster, path });
          onChanged();
        }}
      />
    </>
  );
}
