import { useEffect, useMemo, useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { fileNameProblem, remotePathProblem } from '../../shared/files/remotePath';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { useConnectionStore } from '../app/connectionStore';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { uploadInChunks } from '../job/uploadFile';
import { DownloadQueue } from './DownloadQueue';
import { FilePreview } from './FilePreview';
import { breadcrumbs, shownEntries } from './folderEntries';
import { FolderListing } from './FolderListing';
import { FolderTree } from './FolderTree';
import { useFilesStore } from './filesStore';
import { useFolder } from './useFolder';
import './files.css';

/** The view is shown only once connected, so the client is there. */
export function FilesView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <FilesPage client={client} /> : null;
}

function FilesPage({ client }: { client: ContractClient }) {
  const store = useFilesStore();
  const { cluster, path } = store;
  const [clusters, setClusters] = useState<string[]>(['embedded']);
  const [places, setPlaces] = useState<{ label: string; path: string }[]>([]);
  const [typedPath, setTypedPath] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'done' | 'failed'; text: string } | null>(null);
  const { folder, reload } = useFolder(client, cluster, path);

  useEffect(() => {
    client.call('clusters.list', {}).then(
      (list) => setClusters([...list.builtIn.map((item) => item.name), ...list.profiles.map((profile) => profile.name)]),
      (error: unknown) => reportIfDisconnected(error),
    );
  }, [client]);
  useEffect(() => {
    let live = true;
    client.call('files.places', { cluster }).then(
      (answer) => {
        if (!live) return;
        setPlaces(answer.places);
        if (useFilesStore.getState().path === null && answer.places[0]) useFilesStore.getState().open(cluster, answer.places[0].path);
      },
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setNotice({ kind: 'failed', text: error instanceof Error ? error.message : `${cluster} could not be reached.` });
      },
    );
    return () => {
      live = false;
    };
  }, [client, cluster]);

  const entries = useMemo(() => (folder?.status === 'ready' ? shownEntries(folder.value.entries, store) : []), [folder, store]);
  const shownPath = folder?.status === 'ready' ? folder.value.path : path;

  async function upload(files: readonly File[]) {
    if (!shownPath) return;
    for (const file of files) {
      const problem = fileNameProblem(file.name);
      if (problem) {
        setNotice({ kind: 'failed', text: `${visibleFileName(file.name)} cannot be uploaded: ${problem}` });
        continue;
      }
      try {
        const landed = await uploadInChunks(file, (chunk) => client.call('files.upload', { cluster, folder: shownPath, name: file.name, ...chunk }));
        setNotice({ kind: 'done', text: `Uploaded ${visibleFileName(landed)}` });
      } catch (error) {
        reportIfDisconnected(error);
        setNotice({ kind: 'failed', text: error instanceof Error ? error.message : `${file.name} could not be uploaded.` });
      }
    }
    reload();
  }

  const typedProblem = typedPath !== null ? remotePathProblem(typedPath) : null;
  return (
    <div className="files-view" data-testid="files-view">
      <div className="jobs-list-header">
        <h1 className="view-title">Files</h1>
        <label className="results-control">
          Cluster{' '}
          <select className="input" value={cluster} onChange={(event) => store.open(event.target.value, null)} data-testid="files-cluster">
            {clusters.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="files-layout">
        <FolderTree client={client} cluster={cluster} places={places} current={shownPath} onOpen={(next) => store.open(cluster, next)} />
        <div className="files-main">
          <nav className="files-breadcrumbs" aria-label="Path" data-testid="breadcrumbs">
            {shownPath &&
              breadcrumbs(shownPath).map((crumb) => (
                <Button key={crumb.path} className="files-crumb" onPress={() => store.open(cluster, crumb.path)} data-testid={`crumb-${crumb.path}`}>
                  {visibleFileName(crumb.name)}
                </Button>
              ))}
          </nav>
          <form
            className="results-toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              if (typedPath !== null && !typedProblem) {
                store.open(cluster, typedPath);
                setTypedPath(null);
              }
            }}
          >
            <label className="results-control">
              Go to <input className="input mono files-path-input" value={typedPath ?? shownPath ?? ''} onChange={(event) => setTypedPath(event.target.value)} aria-invalid={typedProblem !== null} data-testid="files-path" />
            </label>
            {/* With two text fields in the form, Enter submits it only when it has a submit button. */}
            <Button type="submit" className="button button-small" isDisabled={typedPath === null || typedProblem !== null} data-testid="files-go">
              Go
            </Button>
            <label className="results-control">
              Find <input className="input" value={store.nameFilter} onChange={(event) => store.setNameFilter(event.target.value)} placeholder="name contains…" data-testid="files-find" />
            </label>
            <label className="results-control">
              <input type="checkbox" checked={store.showHidden} onChange={(event) => store.setShowHidden(event.target.checked)} data-testid="files-hidden" /> Hidden files
            </label>
            <FileTrigger allowsMultiple onSelect={(list) => list && void upload([...list])}>
              <Button className="button button-small" data-testid="files-upload">
                Upload…
              </Button>
            </FileTrigger>
            <Button className="button button-small" onPress={reload}>
              Reload
            </Button>
          </form>
          {typedProblem && <p className="form-error">{typedProblem}</p>}
          {notice && (
            <p className={notice.kind === 'failed' ? 'form-error' : 'form-hint'} role="status" data-testid="files-notice">
              {visibleFileName(notice.text)}
            </p>
          )}
          <div
            className="files-drop"
            onDragOver={(event) => {
              if (event.dataTransfer.types.includes('Files')) event.preventDefault();
            }}
            onDrop={(event) => {
              event.preventDefault();
              void upload([...event.dataTransfer.files]);
            }}
          >
            {folder?.status === 'loading' && <p className="form-hint">Reading {visibleFileName(shownPath ?? '')}…</p>}
            {folder?.status === 'failed' && <p className="form-error">{folder.message}</p>}
            {folder?.status === 'ready' && (
              <>
                <p className="form-hint" data-testid="files-count">
                  {entries.length === folder.value.entries.length ? `${entries.length} entries` : `${entries.length} of ${folder.value.entries.length} entries`}
                  {folder.value.truncated ? ' (the folder has more than are listed at once)' : ''}
                </p>
                <FolderListing client={client} cluster={cluster} folder={folder.value.path} entries={entries} onChanged={reload} />
              </>
            )}
          </div>
          <DownloadQueue client={client} />
        </div>
        {store.preview && <FilePreview key={store.preview} client={client} cluster={cluster} path={store.preview} onClose={() => store.setPreview(null)} />}
      </div>
    </div>
  );
}
