import { useEffect } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { formatBytes } from '../job/formatBytes';
import { useDownloadQueue } from './downloadQueueStore';

/** The downloads asked for, each with its progress and Pause, Resume or Remove. */
export function DownloadQueue({ client }: { client: ContractClient }) {
  const items = useDownloadQueue((state) => state.items);
  useEffect(
    () =>
      client.on('transfer.progress', (progress) => {
        if (progress.direction === 'download') useDownloadQueue.getState().progress(progress.cluster, progress.path, progress.transferred, progress.total, progress.bytesPerSecond);
      }),
    [client],
  );
  if (items.length === 0) return null;
  const queue = useDownloadQueue.getState();
  return (
    <section className="files-queue" aria-label="Downloads" data-testid="download-queue">
      <h3 className="job-section-title">Downloads</h3>
      {items.map((item) => (
        <div key={item.id} className="files-queue-item" data-testid="download-item" data-status={item.status} data-resumed-from={item.resumedFrom ?? ''}>
          <span className="mono files-queue-path">{visibleFileName(item.path)}</span>
          <progress max={item.total || 1} value={item.transferred} aria-label={`Downloaded of ${visibleFileName(item.path)}`} data-testid="download-progress" />
          <span className="form-hint" data-testid="download-bytes">
            {formatBytes(item.transferred)} of {formatBytes(item.total)}
            {item.status === 'running' && item.bytesPerSecond > 0 ? `, ${formatBytes(item.bytesPerSecond)}/s` : ''}
            {item.resumedFrom !== null ? `, continued from ${formatBytes(item.resumedFrom)}` : ''} · {item.status}
          </span>
          {item.status === 'running' && (
            <Button className="button button-small" onPress={() => queue.pause(item.id)} data-testid="download-pause">
              Pause
            </Button>
          )}
          {(item.status === 'paused' || item.status === 'failed') && (
            <Button className="button button-small" onPress={() => queue.resume(client, item.id)} data-testid="download-resume">
              Resume
            </Button>
          )}
          <Button className="button button-small" onPress={() => queue.remove(item.id)} aria-label={`Remove ${visibleFileName(item.path)} from the list`}>
            Remove
          </Button>
          {item.message && (
            <span className={item.status === 'failed' ? 'form-error' : 'form-hint'} data-testid="download-message">
              {visibleFileName(item.message)}
            </span>
          )}
        </div>
      ))}
    </section>
  );
}
