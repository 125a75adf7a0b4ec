import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { Icon } from '../theme/Icon';
import { formatBytes } from './formatBytes';
import { TextFileViewer } from './TextFileViewer';
import { TransferProgressBar } from './TransferProgressBar';
import { transferKey, useTransfersStore } from './transfersStore';
import type { JobResult } from './useJobResult';

/** Enough of the file's start to see its shape, read in one request. */
const beginningBytes = 64 * 1024;

type Download = { status: 'idle' } | { status: 'running' } | { status: 'done'; localPath: string } | { status: 'failed'; message: string };

/**
 * A result too large to open as a tree: says how large and where it is, and offers what a person
 * can do with it instead — download it, or look at its first bytes.
 */
export function TooLargeResult({ client, id, cluster, result }: { client: ContractClient; id: string; cluster: string; result: Extract<JobResult, { kind: 'too-large' }> }) {
  const [download, setDownload] = useState<Download>({ status: 'idle' });
  const [showBeginning, setShowBeginning] = useState(false);
  const key = transferKey({ direction: 'download', cluster, path: result.file });
  const progress = useTransfersStore((state) => state.active[key]);

  const start = async () => {
    setDownload({ status: 'running' });
    try {
      const { localPath } = await client.call('jobs.download', { id, path: result.file });
      setDownload({ status: 'done', localPath });
    } catch (error) {
      reportIfDisconnected(error);
      setDownload({ status: 'failed', message: error instanceof Error && error.message ? error.message : `${result.file} could not be downloaded.` });
    } finally {
      useTransfersStore.getState().clear(key);
    }
  };

  return (
    <div className="result-too-large" data-testid="result-too-large">
      <div className="banner" data-level="info">
        <Icon name="info" className="banner-icon" />
        <div className="banner-body">
          <p className="banner-title">
            The result is {formatBytes(result.size)}, too large to open here (the limit is {formatBytes(result.limit)}).
          </p>
          <p>Download it to open it with the tools you use for data, or look at its beginning.</p>
          <p className="mono result-too-large-path">{result.path}</p>
        </div>
      </div>
      <div className="job-section-actions">
        <Button className="button button-small" isDisabled={download.status === 'running'} onPress={() => void start()} data-testid="result-download">
          Download {result.file}
        </Button>
        <Button className="button button-small" onPress={() => setShowBeginning((shown) => !shown)} aria-expanded={showBeginning} data-testid="result-beginning">
          {showBeginning ? 'Hide the beginning' : 'Show the beginning'}
        </Button>
      </div>
      {download.status === 'running' &&
        (progress ? <TransferProgressBar progress={progress} label={`Downloading ${result.file}`} /> : <p className="form-hint">Downloading {result.file}…</p>)}
      {download.status === 'done' && (
        <p className="form-hint transfer-done" role="status" data-testid="transfer-outcome">
          Saved to {download.localPath}
        </p>
      )}
      {download.status === 'failed' && (
        <p className="form-error" role="alert" data-testid="transfer-outcome">
          {download.message}
        </p>
      )}
      {showBeginning && <TextFileViewer client={client} id={id} path={result.file} limit={beginningBytes} />}
    </div>
  );
}
