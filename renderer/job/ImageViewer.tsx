import type { ContractClient } from '../../shared/contract/client';
import { imageTypeOf } from './fileKinds';
import { useJobFileUrl } from './useJobFile';
import { visibleFileName } from '../../shared/files/visibleFileName';

const maxImageBytes = 32 * 1024 * 1024;

/**
 * PNG, JPEG, GIF, WebP or SVG from the job folder, always as an <img> of a blob: URL: an SVG shown
 * that way runs no script and loads nothing, unlike SVG markup put into the page.
 */
export function ImageViewer({ client, id, path }: { client: ContractClient; id: string; path: string }) {
  const image = useJobFileUrl(client, id, path, imageTypeOf(path), maxImageBytes);
  if (image.status === 'loading') return <p className="form-hint">Reading {visibleFileName(path)}…</p>;
  if (image.status === 'failed') return <p className="form-error">{image.message}</p>;
  return (
    <div className="image-viewer">
      <img src={image.value.url} alt={`${visibleFileName(path)} from the job folder`} data-testid="image-viewer" />
    </div>
  );
}
