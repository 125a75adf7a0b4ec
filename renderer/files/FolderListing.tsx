import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { RemoteEntry } from '../../shared/contract/filesMethods';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { formatBytes } from '../job/formatBytes';
import { useDownloadQueue } from './downloadQueueStore';
import { EntryActions } from './EntryActions';
import { childPath } from './folderEntries';
import { useFilesStore } from './filesStore';

const rowHeight = 34;

type ListingProps = { client: ContractClient; cluster: string; folder: string; entries: readonly RemoteEntry[]; onChanged: () => void };

/** A folder's entries: a click opens a folder or previews a file; each can be downloaded, renamed or deleted. */
export function FolderListing({ client, cluster, folder, entries, onChanged }: ListingProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const store = useFilesStore();
  // The virtualizer hands out fresh measurements each render; this component does not rely on memoizing it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });
  const marker = (by: 'name' | 'size' | 'mtime') => (store.sort.by === by ? (store.sort.descending ? ' ▼' : ' ▲') : '');
  return (
    <div ref={scrollRef} className="files-listing" role="table" aria-label={`Entries of ${visibleFileName(folder)}`} aria-rowcount={entries.length + 1} data-testid="folder-listing">
      <div className="files-row files-header" role="row">
        <span role="columnheader">
          <Button className="results-sort" onPress={() => store.sortBy('name')} data-testid="files-sort-name">
            Name{marker('name')}
          </Button>
        </span>
        <span role="columnheader">
          <Button className="results-sort" onPress={() => store.sortBy('size')} data-testid="files-sort-size">
            Size{marker('size')}
          </Button>
        </span>
        <span role="columnheader">
          <Button className="results-sort" onPress={() => store.sortBy('mtime')} data-testid="files-sort-mtime">
            Modified{marker('mtime')}
          </Button>
        </span>
        <span role="columnheader">Actions</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          const path = childPath(folder, entry.name);
          return (
            <div key={entry.name} className="files-row" role="row" data-testid="folder-entry" data-name={entry.name} style={{ transform: `translateY(${item.start}px)` }}>
              <span role="cell" className="files-entry-name">
                <Button className="files-open" onPress={() => (entry.isDirectory ? store.open(cluster, path) : store.setPreview(path))} data-testid="entry-open">
                  {visibleFileName(entry.name)}
                  {entry.isDirectory ? '/' : entry.isLink ? ' →' : ''}
                </Button>
              </span>
              <span role="cell" className="mono">
                {entry.isDirectory ? '' : formatBytes(entry.size)}
              </span>
              <span role="cell" className="mono">
                {new Date(entry.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')}
              </span>
              <span role="cell" className="files-actions">
                <Button className="button button-small" onPress={() => useDownloadQueue.getState().add(client, cluster, path)} aria-label={`Download ${visibleFileName(entry.name)}`} data-testid="entry-download">
                  Download
                </Button>
                <EntryActions client={client} cluster={cluster} path={path} entry={entry} onChanged={onChanged} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
