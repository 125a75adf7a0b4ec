export type PreviewKind = 'text' | 'json' | 'csv' | 'tsv' | 'image' | 'pdf' | 'markdown' | 'npy' | 'parquet' | 'binary';

const imageTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', bmp: 'image/bmp' };
const binaryExtensions = new Set(['gz', 'zip', 'tar', 'bz2', 'xz', 'zst', 'pkl', 'pt', 'pth', 'h5', 'hdf5', 'nc', 'so', 'o', 'bin', 'npz', 'sif', 'whl']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Which preview suits a file, by its name; anything unknown is tried as text, which costs one page. */
export function previewKindOf(name: string): PreviewKind {
  const extension = extensionOf(name);
  if (extension in imageTypes) return 'image';
  if (extension === 'pdf') return 'pdf';
  if (extension === 'json') return 'json';
  if (extension === 'csv') return 'csv';
  if (extension === 'tsv') return 'tsv';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'npy') return 'npy';
  if (extension === 'parquet') return 'parquet';
  if (binaryExtensions.has(extension)) return 'binary';
  return 'text';
}

export function imageTypeOf(name: string): string {
  return imageTypes[extensionOf(name)] ?? 'application/octet-stream';
}
