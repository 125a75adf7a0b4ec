import { extensionOf, imageTypes } from '../job/fileKinds';

export type PreviewKind = 'text' | 'json' | 'csv' | 'tsv' | 'image' | 'pdf' | 'markdown' | 'npy' | 'parquet' | 'binary';

const binaryExtensions = new Set(['gz', 'zip', 'tar', 'bz2', 'xz', 'zst', 'pkl', 'pt', 'pth', 'h5', 'hdf5', 'nc', 'so', 'o', 'bin', 'npz', 'sif', 'whl']);


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

export { imageTypeOf } from '../job/fileKinds';
