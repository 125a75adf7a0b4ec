import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { jobFilePathProblem } from '../../shared/jobs/jobFilePath';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { formatRelativeTime, formatTimestamp } from '../jobs/formatRelativeTime';
import { useNow } from '../jobs/useNow';
import { formatBytes } from './formatBytes';
import { FileViewer } from './FileViewer';
import { TransferProgressBar } from './TransferProgressBar';
import { transferKey, useTransfersStore } from './transfersStore';
import { uploadFile } from './uploadFile';
import { useJobFiles } from './useJobFiles';
import { BrowseInFiles } from '../files/BrowseInFiles';
import { visibleFileName } from '../../shared/files/visibleFileName';

type Outcome = { kind: 'done' | 'failed'; message: string } | null;

function messageOf(error: unknown, fallback: string): string {
  reportIfDisconnected(error);
  return error instanceof Error && error.message ? error.message : fallback;
}

/** The job folder: its files, each viewable and downloadable, and an upload into it. */
export function FileBrowser({ client, job }: { client: ContractClient; job: JobSummary }) {
  const { folder, reload } = useJobFiles(client, job.id, job.state);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<Record<string, 'download' | 'upload'>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const active = useTransfersStore((state) => state.active);
  const now = useNow(30_000);

  const download = async (path: string) => {
    setBusy((current) => ({ ...current, [path]: 'download' }));
    setOutcome(null);
    try {
      const { localPath } = await client.call('jobs.download', { id: job.id, path });
      setOutcome({ kind: 'done', message: `Saved to ${visibleFileName(localPath)}` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: visibleFileName(messageOf(error, `${path} could not be downloaded.`)) });
    } finally {
      setBusy(({ [path]: _finished, ...rest }) => rest);
      useTransfersStore.getState().clear(transferKey({ direction: 'download', cluster: job.cluster, path }));
    }
  };

  const upload = async (file: File) => {
    const problem = jobFilePathProblem(file.name);
    if (problem) {
      setOutcome({ kind: 'failed', message: `${visibleFileName(file.name)} cannot be uploaded: ${problem}` });
      return;
    }
    setBusy((current) => ({ ...current, [file.name]: 'upload' }));
    setOutcome(null);
    try {
      const path = await uploadFile(client, job.id, file);
      setOutcome({ kind: 'done', message: `Uploaded ${visibleFileName(path)} to the job folder` });
      reload();
    } catch (error) {
      setOutcome({ kind: 'failed', message: visibleFileName(messageOf(error, `${file.name} could not be uploaded.`)) });
    } finally {
      setBusy(({ [file.name]: _finished, ...rest }) => rest);
      useTransfersStore.getState().clear(transferKey({ direction: 'upload', cluster: job.cluster, path: file.name }));
    }
  };

  const transfers = Object.entries(busy).map(([path, direction]) => ({ path, direction, progress: active[transferKey({ direction, cluster: job.cluster, path })] }));

  return (
    <section className="job-section" aria-labelledby="job-files-title" data-testid="job-files">
      <div className="job-section-header">
        <h3 id="job-files-title" className="job-section-title">
          Job folder
        </h3>
        <div className="job-section-actions">
          <FileTrigger onSelect={(files) => files?.[0] && void upload(files[0])}>
            <Button className="button button-small" data-testid="upload-file">
              Upload…
            </Button>
          </FileTrigger>
          <Button className="button button-small" onPress={reload}>
            Refresh
          </Button>
          {folder.status === 'ready' && <BrowseInFiles cluster={job.cluster} path={folder.value.jobDir} />}
        </div>
      </div>
      {folder.status === 'ready' && <p className="form-hint mono job-facts-path">{folder.value.jobDir}</p>}
      {transfers.map(({ path, direction, progress }) =>
        progress ? (
          <TransferProgressBar key={path} progress={progress} label={`${direction === 'download' ? 'Downloading' : 'Uploading'} ${visibleFileName(path)}`} />
        ) : (
          <p key={path} className="form-hint">
            {direction === 'download' ? 'Downloading' : 'Uploading'} {visibleFileName(path)}…
          </p>
        ),
      )}
      {outcome && (
        <p className={outcome.kind === 'done' ? 'form-hint transfer-done' : 'form-error'} role={outcome.kind === 'done' ? 'status' : 'alert'} data-testid="transfer-outcome">
          {outcome.message}
        </p>
      )}
      {folder.status === 'loading' && <p className="form-hint">Listing the job folder…</p>}
      {folder.status === 'failed' && <p className="form-error">{folder.message}</p>}
      {folder.status === 'ready' && (
        <table className="files-table" data-testid="files-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Modified</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {folder.value.entries.map((entry) => (
              <tr key={entry.name} data-file={entry.name} className={open === entry.name ? 'files-row-open' : undefined}>
                <td className="mono files-name">
                  {entry.isDirectory ? (
                    `${visibleFileName(entry.name)}/`
                  ) : (
                    <Button className="link-button" onPress={() => setOpen(entry.name)} aria-label={`View ${visibleFileName(entry.name)}`} data-testid={`view-${entry.name}`}>
                      {visibleFileName(entry.name)}
                    </Button>
                  )}
                </td>
                <td className="files-size">{entry.isDirectory ? '—' : formatBytes(entry.size)}</td>
                <td className="files-time" title={formatTimestamp(new Date(entry.mtimeMs).toISOString())}>
                  {formatRelativeTime(new Date(entry.mtimeMs).toISOString(), now)}
                </td>
                <td>
                  {!entry.isDirectory && (
                    <Button className="button button-small" isDisabled={entry.name in busy} onPress={() => void download(entry.name)} aria-label={`Download ${visibleFileName(entry.name)}`} data-testid={`download-${entry.name}`}>
                      Download
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <FileViewer client={client} id={job.id} path={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
