import { lstat, readdir } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { UploadSpec } from '../../../shared/jobs/jobSpec';
import type { ClusterFiles } from '../backends/types';
import { readRegularFileAsync } from '../fs/readRegularFile';

/** Guards against uploading a home folder by mistake; a real project that needs more says so. */
export const uploadLimits = { files: 20_000, bytes: 2 * 1024 * 1024 * 1024 };

type LocalFile = { absolute: string; relative: string; size: number; executable: boolean };

/** Lists what an upload would copy, applying the ignore patterns, without copying anything. */
export async function listUpload(upload: UploadSpec): Promise<LocalFile[]> {
  const ignored = compileIgnore(upload.ignore);
  const found: LocalFile[] = [];
  let bytes = 0;
  const visit = async (absolute: string) => {
    const info = await lstat(absolute).catch(() => null);
    if (!info) throw new AppError('upload-missing', `upload: ${absolute} does not exist on this computer.`);
    if (info.isSymbolicLink()) return; // A link could point anywhere (~/.ssh): never followed.
    const rel = relative(upload.root, absolute).split(sep).join('/');
    if (info.isDirectory()) {
      for (const name of (await readdir(absolute)).sort()) {
        if (!ignored(name)) await visit(join(absolute, name));
      }
      return;
    }
    if (!info.isFile()) return;
    found.push({ absolute, relative: rel, size: info.size, executable: (info.mode & 0o100) !== 0 });
    bytes += info.size;
    if (found.length > uploadLimits.files || bytes > uploadLimits.bytes) {
      throw new AppError(
        'upload-too-large',
        `upload: ${upload.root} holds more than ${uploadLimits.files} files or 2 GiB; include only what the job needs, or add ignore patterns.`,
      );
    }
  };
  for (const include of upload.include) await visit(join(upload.root, include));
  return found;
}

export type UploadReport = (file: { path: string; transferred: number; total: number; bytesPerSecond: number }) => void;

/** Files copied at once: SFTP answers a channel's requests in order, so small files share round trips. */
const uploadsInFlight = 8;

/** Copies the upload into `destination` on the cluster, keeping relative paths; each file atomically. */
export async function uploadProject(upload: UploadSpec, files: ClusterFiles, destination: string, folderMode: number, report?: UploadReport): Promise<number> {
  const list = await listUpload(upload);
  await files.mkdir(destination, folderMode);
  const made = new Set<string>([destination]);
  const copies = list.map((file) => ({ file, target: posix.join(destination, file.relative === '' ? posix.basename(file.absolute) : file.relative) }));
  // Folders first, one after another (parents before children), then the files several at a time.
  for (const { target } of copies) {
    const folder = posix.dirname(target);
    if (!made.has(folder)) {
      await files.mkdir(folder, folderMode);
      made.add(folder);
    }
  }
  const copy = async ({ file, target }: (typeof copies)[number]) => {
    const mode = file.executable ? 0o750 : 0o640;
    if (files.uploadFrom) {
      await files.uploadFrom(file.absolute, target, mode, { onProgress: (progress) => report?.({ path: file.relative, ...progress }) });
    } else {
      await files.writeFileAtomic(target, await readRegularFileAsync(file.absolute, uploadLimits.bytes, 'the upload'), mode);
      report?.({ path: file.relative, transferred: file.size, total: file.size, bytesPerSecond: 0 });
    }
  };
  const queue = copies.slice();
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await copy(next);
  };
  await Promise.all(Array.from({ length: Math.min(uploadsInFlight, queue.length) }, worker));
  return list.length;
}

/** `name` matches that file or folder name anywhere; `*.ext` and other `*` patterns match names. */
function compileIgnore(patterns: readonly string[]): (name: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${escaped}$`);
  });
  return (name) => matchers.some((matcher) => matcher.test(name));
}
