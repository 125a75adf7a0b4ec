export type FileKind = 'image' | 'csv' | 'tsv' | 'text' | 'other';

export const imageTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };
const textExtensions = new Set(['txt', 'log', 'out', 'err', 'json', 'sh', 'py', 'md', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'repr', 'r', 'jl', 'c', 'h', 'cpp', 'xml', 'html']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Which viewer shows a file, by its name: job folders hold outputs, not content to sniff. */
export function fileKindOf(name: string): FileKind {
  const extension = extensionOf(name);
  if (extension in imageTypes) return 'image';
  if (extension === 'csv') return 'csv';
  if (extension === 'tsv') return 'tsv';
  if (textExtensions.has(extension)) return 'text';
  return 'other';
}

export function imageTypeOf(name: string): string {
  return imageTypes[extensionOf(name)] ?? 'application/octet-stream';
}
