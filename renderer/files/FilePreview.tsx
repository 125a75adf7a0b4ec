import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { parseCsv } from '../../shared/files/parseCsv';
import { describeDtype, parquetFooterLength, parseNpyHeader } from '../../shared/files/binaryHeaders';
import { visibleFileName } from '../../shared/files/visibleFileName';
import { visibleText } from '../../shared/security/visibleText';
import { formatBytes } from '../job/formatBytes';
import { JsonTree } from '../job/JsonTree';
import { Icon } from '../theme/Icon';
import { MarkdownPreview } from './MarkdownPreview';
import { imageTypeOf, previewKindOf } from './previewKinds';
import { TextPreview } from './TextPreview';
import { useBlobUrl, useRemoteBytes, type RemoteBytes } from './useRemoteFile';

const maxParsedBytes = 4 * 1024 * 1024;
const maxImageBytes = 32 * 1024 * 1024;
const maxPdfBytes = 64 * 1024 * 1024;
const shownCsvRows = 500;

type PreviewProps = { client: ContractClient; cluster: string; path: string };

/** The preview that suits a file, under its name and a Close button. */
export function FilePreview({ client, cluster, path, onClose }: PreviewProps & { onClose: () => void }) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const kind = previewKindOf(name);
  return (
    <section className="files-preview" aria-label={`Preview of ${visibleFileName(name)}`} data-testid="file-preview" data-kind={kind}>
      <div className="job-section-header">
        <h3 className="job-section-title mono">{visibleFileName(name)}</h3>
        <Button className="icon-button" aria-label="Close the preview" onPress={onClose}>
          <Icon name="close" />
        </Button>
      </div>
      {kind === 'text' && <TextPreview client={client} cluster={cluster} path={path} />}
      {kind === 'image' && <BlobPreview client={client} cluster={cluster} path={path} type={imageTypeOf(name)} limit={maxImageBytes} />}
      {kind === 'pdf' && <BlobPreview client={client} cluster={cluster} path={path} type="application/pdf" limit={maxPdfBytes} />}
      {(kind === 'json' || kind === 'csv' || kind === 'tsv' || kind === 'markdown') && <ParsedPreview client={client} cluster={cluster} path={path} kind={kind} />}
      {kind === 'npy' && <HeaderPreview client={client} cluster={cluster} path={path} />}
      {kind === 'parquet' && <ParquetPreview client={client} cluster={cluster} path={path} />}
      {kind === 'binary' && <p className="form-hint">A binary file: download it to open it with the program it is for.</p>}
    </section>
  );
}

/** Images (SVG too, always as an <img>, which runs no script) and PDFs from a blob: URL. */
function BlobPreview({ client, cluster, path, type, limit }: PreviewProps & { type: string; limit: number }) {
  const read = useRemoteBytes(client, cluster, path, limit);
  const url = useBlobUrl(read.status === 'ready' && read.value.complete ? read.value.bytes : null, type);
  if (read.status === 'loading') return <p className="form-hint">Reading…</p>;
  if (read.status === 'failed') return <p className="form-error">{read.message}</p>;
  if (!read.value.complete) return <p className="form-hint">{formatBytes(read.value.size)} is more than a preview reads ({formatBytes(limit)}); download it.</p>;
  if (!url) return null;
  if (type === 'application/pdf') {
    // The browser's own viewer in a frame with no permissions: sandboxed, no scripts of the page's, only blob: of this origin (see the CSP's frame-src).
    return (
      <>
        <p className="form-hint">Shown by the browser's own PDF viewer, where it allows one in a sandboxed frame; otherwise download the file.</p>
        <iframe className="files-pdf" src={url} sandbox="" title={`PDF ${visibleFileName(path)}`} data-testid="pdf-preview" />
      </>
    );
  }
  return (
    <div className="image-viewer">
      <img src={url} alt={`${visibleFileName(path)} on ${visibleText(cluster)}`} data-testid="image-preview" />
    </div>
  );
}

function ParsedPreview({ client, cluster, path, kind }: PreviewProps & { kind: 'json' | 'csv' | 'tsv' | 'markdown' }) {
  const read = useRemoteBytes(client, cluster, path, maxParsedBytes);
  if (read.status === 'loading') return <p className="form-hint">Reading…</p>;
  if (read.status === 'failed') return <p className="form-error">{read.message}</p>;
  return <Parsed value={read.value} kind={kind} client={client} cluster={cluster} path={path} />;
}

function Parsed({ value, kind, client, cluster, path }: PreviewProps & { value: RemoteBytes; kind: 'json' | 'csv' | 'tsv' | 'markdown' }) {
  const text = new TextDecoder().decode(value.bytes);
  if (kind === 'markdown') return <MarkdownPreview text={text} />;
  if (kind === 'json') {
    if (!value.complete) return <TextPreview client={client} cluster={cluster} path={path} />;
    const parsed = parseJson(text);
    return parsed.ok ? <JsonTree value={parsed.value} label={path} /> : <TextPreview client={client} cluster={cluster} path={path} />;
  }
  const rows = parseCsv(text, { delimiter: kind === 'tsv' ? '\t' : ',', complete: value.complete });
  const [header, ...body] = rows;
  return (
    <div className="csv-scroll files-csv" data-testid="csv-preview">
      <p className="form-hint">
        {body.length} rows{value.complete ? '' : ` in the first ${formatBytes(maxParsedBytes)} of ${formatBytes(value.size)}`}
        {body.length > shownCsvRows ? `; the first ${shownCsvRows} shown` : ''}
      </p>
      <table className="files-preview-table">
        <thead>
          <tr>
            {header?.map((cell, index) => (
              <th key={index}>{visibleText(cell)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, shownCsvRows).map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index}>{visibleText(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A .npy file's dtype and shape, from its first 4 KiB only. */
function HeaderPreview({ client, cluster, path }: PreviewProps) {
  const read = useRemoteBytes(client, cluster, path, 4096);
  if (read.status === 'loading') return <p className="form-hint">Reading…</p>;
  if (read.status === 'failed') return <p className="form-error">{read.message}</p>;
  const header = parseNpyHeader(read.value.bytes);
  if (typeof header === 'string') return <p className="form-hint">{header}</p>;
  return (
    <p data-testid="npy-preview">
      NumPy array: shape ({header.shape.join(', ')}), {describeDtype(header.dtype)}
      {header.fortranOrder ? ', Fortran order' : ''}; {formatBytes(read.value.size)} (format {header.version})
    </p>
  );
}

/** A Parquet file's size and footer length from its first 4 and last 8 bytes; its columns are not decoded here. */
function ParquetPreview({ client, cluster, path }: PreviewProps) {
  const head = useRemoteBytes(client, cluster, path, 4);
  const size = head.status === 'ready' ? head.value.size : 0;
  const tail = useRemoteBytes(client, cluster, path, 8, Math.max(0, size - 8));
  if (head.status === 'failed') return <p className="form-error">{head.message}</p>;
  if (tail.status === 'failed') return <p className="form-error">{tail.message}</p>;
  if (head.status !== 'ready' || tail.status !== 'ready' || tail.value.size !== size) return <p className="form-hint">Reading…</p>;
  const footer = parquetFooterLength(head.value.bytes, tail.value.bytes, size);
  if (typeof footer === 'string') return <p className="form-hint">{footer}</p>;
  return (
    <p data-testid="parquet-preview">
      Parquet file of {formatBytes(size)} with {formatBytes(footer)} of metadata (schema and row groups); open it with pandas, polars or DuckDB to see its columns.
    </p>
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
