import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type Listing = Result<'uploads.browse'>;

/**
 * Folders of this computer as main lists them (the window cannot read the disk, and a browser's
 * file input hides paths): open a folder, pick a file, or take the folder shown.
 */
export function FolderBrowser({ client, start, onPick }: { client: ContractClient; start: string | undefined; onPick: (path: string) => void }) {
  const [folder, setFolder] = useState<string | undefined>(start);
  const [listing, setListing] = useState<Listing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.call('uploads.browse', folder === undefined ? {} : { folder }).then(
      (answer) => {
        if (!live) return;
        setListing(answer);
        setProblem(null);
      },
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setProblem(error instanceof Error ? error.message : 'The folder could not be listed.');
      },
    );
    return () => {
      live = false;
    };
  }, [client, folder]);

  const join = (name: string) => (listing ? `${listing.folder.replace(/\/$/, '')}/${name}` : name);
  return (
    <div className="folder-browser" data-testid="folder-browser">
      <div className="folder-browser-header">
        <Button className="button button-small" isDisabled={!listing?.parent} onPress={() => listing?.parent && setFolder(listing.parent)} data-testid="folder-up">
          Up
        </Button>
        <span className="mono folder-browser-path" data-testid="folder-path">
          {listing?.folder ?? 'Reading…'}
        </span>
        <Button className="button button-small" isDisabled={!listing} onPress={() => listing && onPick(listing.folder)} data-testid="folder-pick-this">
          Ship this folder
        </Button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ul className="folder-browser-list" aria-label="Files and folders">
        {listing?.entries.map((entry) => (
          <li key={entry.name}>
            <Button
              className="folder-browser-entry mono"
              onPress={() => (entry.kind === 'folder' ? setFolder(join(entry.name)) : onPick(join(entry.name)))}
              data-testid={`folder-entry-${entry.name}`}
            >
              {entry.kind === 'folder' ? `${entry.name}/` : entry.name}
            </Button>
          </li>
        ))}
        {listing && listing.entries.length === 0 && <li className="form-hint">Empty folder.</li>}
      </ul>
      {listing?.truncated && <p className="form-hint">Only the first {listing.entries.length} entries are listed; type the path instead.</p>}
    </div>
  );
}
