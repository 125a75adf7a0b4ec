import type { ContractClient } from '../../shared/contract/client';
import { formatBytes } from './formatBytes';
import { useJobFileText } from './useJobFile';
import { visibleFileName } from '../../shared/files/visibleFileName';

const maxTextBytes = 1024 * 1024;

/** The start of a text file; larger files say how much is shown (logs have their own viewer). */
export function TextFileViewer({ client, id, path, limit = maxTextBytes }: { client: ContractClient; id: string; path: string; limit?: number }) {
  const file = useJobFileText(client, id, path, limit);
  if (file.status === 'loading') return <p className="form-hint">Reading {visibleFileName(path)}…</p>;
  if (file.status === 'failed') return <p className="form-error">{file.message}</p>;
  return (
    <>
      {!file.value.complete && (
        <p className="form-hint">
          The first {formatBytes(limit)} of {formatBytes(file.value.size)}; download the file for the rest.
        </p>
      )}
      <pre className="code-block file-text" tabIndex={0} aria-label={visibleFileName(path)} data-testid="text-viewer">
        {file.value.text}
      </pre>
    </>
  );
}
