import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { visibleText } from '../../shared/security/visibleText';
import { formatBytes } from '../job/formatBytes';
import { useRemoteBytes } from './useRemoteFile';

const pageBytes = 256 * 1024;

/**
 * A text file a page at a time by byte offset, like the log viewer: a 10 GB file costs the page
 * shown. "Next page" and "Last page" move through it; control characters are shown escaped.
 */
export function TextPreview({ client, cluster, path }: { client: ContractClient; cluster: string; path: string }) {
  const [offset, setOffset] = useState(0);
  const page = useRemoteBytes(client, cluster, path, pageBytes, offset);
  if (page.status === 'loading') return <p className="form-hint">Reading…</p>;
  if (page.status === 'failed') return <p className="form-error">{page.message}</p>;
  const { bytes, size } = page.value;
  const text = visibleText(new TextDecoder().decode(bytes), { keepLines: true });
  const end = offset + bytes.length;
  return (
    <div className="files-text">
      <div className="results-toolbar">
        <span className="form-hint" data-testid="text-preview-range">
          bytes {offset.toLocaleString()}–{end.toLocaleString()} of {formatBytes(size)}
        </span>
        <Button className="button button-small" isDisabled={offset === 0} onPress={() => setOffset(Math.max(0, offset - pageBytes))}>
          Previous page
        </Button>
        <Button className="button button-small" isDisabled={end >= size} onPress={() => setOffset(end)}>
          Next page
        </Button>
        <Button className="button button-small" isDisabled={end >= size} onPress={() => setOffset(Math.max(0, size - pageBytes))} data-testid="text-preview-last">
          Last page
        </Button>
      </div>
      <pre className="files-text-body mono" data-testid="text-preview">
        {text}
      </pre>
    </div>
  );
}
