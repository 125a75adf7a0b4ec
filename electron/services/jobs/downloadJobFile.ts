import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles } from '../backends/types';
import { sanitizeJobName } from './jobFolder';

const pieceBytes = 1024 * 1024;
const progressEveryMs = 100;
/** `data.bin.0a1b2c3d.part`: a download in progress, or what one stopped by a crash left. */
const partialName = /\.[0-9a-f]{8}\.part$/;
/** A partial file untouched since before this process started belongs to no download under way here. */
const processStartedAt = Date.now() - process.uptime() * 1000;

export type TransferProgress = { transferred: number; total: number; bytesPerSecond: number };

/**
 * Copies one job file to `{root}/{job name}/{relative path}` on this computer, a piece at a time
 * (a multi-GB output costs a megabyte of memory), under a temporary name renamed at the end, so
 * a half-copied file never looks finished; a failed copy removes its temporary, and one a crash
 * left is removed by the next download into that folder. An existing file is kept: the copy gets
 * " (2)" etc.
 */
export async function downloadJobFile(options: {
  files: ClusterFiles;
  source: string;
  relative: string;
  jobName: string;
  root: string;
  signal?: AbortSignal;
  onProgress: (progress: TransferProgress) => void;
}): Promise<{ localPath: string; size: number }> {
  const { files, source, signal } = options;
  const info = await files.stat(source);
  if (!info) throw new AppError('file-not-found', `${options.relative} is not in the job folder any more.`);
  if (info.isDirectory) throw new AppError('not-a-file', `${options.relative} is a folder; download its files one by one.`, [{ path: 'path', message: 'This is a folder.' }]);

  // The relative path was validated (no "..", no absolute part), so it stays under the job's folder.
  const destination = await freeName(join(options.root, sanitizeJobName(options.jobName), ...options.relative.split('/')));
  await mkdir(dirname(destination), { recursive: true, mode: 0o700 });
  await removeStalePartials(dirname(destination));
  const partial = `${destination}.${randomBytes(4).toString('hex')}.part`;
  const handle = await open(partial, 'wx', 0o600);
  const started = Date.now();
  let transferred = 0;
  let reportedAt = 0;
  try {
    try {
      while (transferred < info.size) {
        if (signal?.aborted) throw new AppError('cancelled', `The download of ${options.relative} was cancelled.`);
        const bytes = await files.readFile(source, { offset: transferred, length: Math.min(pieceBytes, info.size - transferred) });
        if (bytes === null) throw new AppError('file-not-found', `${options.relative} disappeared during the download.`);
        if (bytes.length === 0) break; // the file shrank: keep what there is
        await handle.write(bytes, 0, bytes.length, transferred);
        transferred += bytes.length;
        const now = Date.now();
        if (now - reportedAt >= progressEveryMs) {
          reportedAt = now;
          options.onProgress({ transferred, total: info.size, bytesPerSecond: rate(transferred, started, now) });
        }
      }
    } finally {
      await handle.close();
    }
    await rename(partial, destination);
  } catch (error) {
    await unlink(partial).catch(() => {});
    throw stopped(options.relative, transferred, info.size, error);
  }
  options.onProgress({ transferred, total: info.size, bytesPerSecond: rate(transferred, started, Date.now()) });
  return { localPath: destination, size: transferred };
}

/**
 * A read or write that failed on the way (the connection cut, a full disk), said as what happened
 * to the download: how far it got and that nothing was kept, whatever layer the failure came from.
 * A cancel and a file gone from the cluster already say so themselves.
 */
function stopped(relative: string, transferred: number, total: number, error: unknown): AppError {
  if (error instanceof AppError && (error.code === 'cancelled' || error.code === 'file-not-found')) return error;
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return new AppError('download-failed', `The download of ${relative} stopped after ${transferred} of ${total} bytes (${reason}); nothing was saved. Try again once the cluster is reachable.`);
}

/**
 * Partial files of downloads an earlier run of the app was stopped in the middle of (a crash, a
 * kill): never finished, so nobody will; removed so the folder holds only whole files.
 */
async function removeStalePartials(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) {
    if (!partialName.test(name)) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && info.mtimeMs < processStartedAt) await unlink(path).catch(() => {});
  }
}

function rate(bytes: number, started: number, now: number): number {
  const seconds = (now - started) / 1000;
  return seconds > 0 ? Math.round(bytes / seconds) : 0;
}

/** `path`, or `name (2).ext`, `name (3).ext`… whichever is not taken yet. */
export async function freeName(path: string): Promise<string> {
  const extension = extname(path);
  const stem = path.slice(0, path.length - extension.length);
  for (let attempt = 1; attempt < 1000; attempt += 1) {
    const candidate = attempt === 1 ? path : `${stem} (${attempt})${extension}`;
    const taken = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
  throw new AppError('download-name-taken', `Too many copies of ${path} already; move some away.`);
}
