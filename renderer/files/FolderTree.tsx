import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { childPath } from './folderEntries';
import { useFolder } from './useFolder';

type TreeProps = { client: ContractClient; cluster: string; current: string | null; onOpen: (path: string) => void };

/** The places to start from, each a folder tree opened a level at a time (a level is one listing). */
export function FolderTree({ client, cluster, places, current, onOpen }: TreeProps & { places: { label: string; path: string }[] }) {
  return (
    <nav className="files-tree" aria-label="Folders" data-testid="folder-tree">
      <ul role="tree" className="files-tree-list">
        {places.map((place) => (
          <FolderNode key={place.path} client={client} cluster={cluster} path={place.path} label={`${place.label} (${place.path})`} current={current} onOpen={onOpen} depth={0} />
        ))}
      </ul>
    </nav>
  );
}

function FolderNode({ client, cluster, path, label, current, onOpen, depth }: TreeProps & { path: string; label: string; depth: number }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li role="treeitem" aria-expanded={expanded} aria-selected={current === path} className="files-tree-item">
      <span className="files-tree-row" style={{ paddingInlineStart: `${depth * 12}px` }}>
        <Button className="files-tree-toggle" aria-label={`${expanded ? 'Collapse' : 'Expand'} ${visibleFileName(label)}`} onPress={() => setExpanded(!expanded)} data-testid={`tree-toggle-${path}`}>
          {expanded ? '▾' : '▸'}
        </Button>
        <Button className={current === path ? 'files-tree-name files-tree-current' : 'files-tree-name'} onPress={() => onOpen(path)} data-testid={`tree-open-${path}`}>
          {visibleFileName(label)}
        </Button>
      </span>
      {expanded && <FolderChildren client={client} cluster={cluster} path={path} current={current} onOpen={onOpen} depth={depth + 1} />}
    </li>
  );
}

function FolderChildren({ client, cluster, path, current, onOpen, depth }: TreeProps & { path: string; depth: number }) {
  const { folder } = useFolder(client, cluster, path);
  if (!folder || folder.status === 'loading') return <p className="form-hint files-tree-note">…</p>;
  if (folder.status === 'failed') return <p className="form-error files-tree-note">{folder.message}</p>;
  const folders = folder.value.entries.filter((entry) => entry.isDirectory && !entry.name.startsWith('.')).slice(0, 500);
  return (
    <ul role="group" className="files-tree-list">
      {folders.map((entry) => (
        <FolderNode key={entry.name} client={client} cluster={cluster} path={childPath(folder.value.path, entry.name)} label={entry.name} current={current} onOpen={onOpen} depth={depth} />
      ))}
    </ul>
  );
}
