import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import { jobFilePathProblem } from '../../../shared/jobs/jobFilePath';
import { relativeInside } from '../../../shared/files/remotePath';
import type { ClusterFiles, FileStat } from '../backends/types';
import { freeName, type TransferProgress } from '../jobs/downloadJobFile';
import { parseRemoteVersion, resumeOffset, type RemoteVersion } from './resumeOffset';

/** Bytes asked of the cluster per read: large enough to keep the link busy, small in memory. */
const pieceBytes = 4 * 1024 * 1024;
/** Small files of a folder fetched at once: each costs round trips, not bandwidth. */
const filesInFlight = 8;
const progressEveryMs = 100;
/** Files of one folder download: a tree larger than this is refused before anything is copied. */
export const maxTreeFiles = 100_000;
export const partialSuffix = '.slurmdesk-part';

type TreeFile = { remote: string; relative: string; version: RemoteVersion };
export type DownloadOutcome = { localPath: string; files: number; bytes: number; skipped: { path: string; reason: string }[] };

/**
 * Copies a file or a folder from the cluster to `{root}/{name}` on this computer. Each file goes
 * to `name.slurmdesk-part` beside its place, with what the cluster said of it (size, time) in a
 * sidecar, and is renamed when whole. A cut or a pause keeps the partial copy: `resume` continues
 * each file from its length while the cluster's file is unchanged, and passes over files already
 * whole. Names are checked as job file paths are (no `..`, no control character, no backslash),
 * and links inside the folder are followed only when they lead to a file inside it.
 */
export async function downloadTree(options: {
  files: ClusterFiles;
  /** Absolute, links resolved. */
  source: string;
  root: string;
  resume: boolean;
  signal?: AbortSignal;
  onProgress: (progress: TransferProgress) => void;
}): Promise<DownloadOutcome> {
  const { files, source } = options;
  const info = await files.stat(source);
  if (!info) throw new AppError('file-not-found', `${source} is not on the cluster any more.`);
  const name = posix.basename(source) || 'root';
  const nameProblem = jobFilePathProblem(name);
  if (nameProblem) throw new AppError('invalid-path', `${JSON.stringify(name)} cannot be saved on this computer: ${nameProblem}`);
  await mkdir(options.root, { recursive: true, mode: 0o700 });
  const wanted = join(options.root, name);
  const localPath = options.resume ? wanted : await freeName(wanted);
  const skipped: DownloadOutcome['skipped'] = [];
  const tree: TreeFile[] = info.isDirectory ? await walk(files, source, skipped, options.signal) : [{ remote: source, relative: '', version: versionOf(info) }];
  const total = tree.reduce((sum, file) => sum + file.version.size, 0);
  const started = Date.now();
  let transferred = 0;
  let reportedAt = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - reportedAt < progressEveryMs) return;
    reportedAt = now;
    const seconds = (now - started) / 1000;
    options.onProgress({ transferred, total, bytesPerSecond: seconds > 0 ? Math.round(transferred / seconds) : 0 });
  };
  const queue = [...tree];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const target = file.relative === '' ? localPath : join(localPath, ...file.relative.split('/'));
      await downloadFile(files, file, target, options.resume, options.signal, (bytes) => {
        transferred += bytes;
        report();
      });
    }
  };
  try {
    if (info.isDirectory) await mkdir(localPath, { recursive: true, mode: 0o700 });
    await Promise.all(Array.from({ length: Math.min(filesInFlight, Math.max(1, tree.length)) }, worker));
  } catch (error) {
    if (options.signal?.aborted) throw new AppError('cancelled', `The download of ${source} was paused after ${transferred} of ${total} bytes; resume it to continue from there.`);
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new AppError('download-failed', `The download of ${source} stopped after ${transferred} of ${total} bytes (${reason}). What arrived is kept: resume it once the cluster is reachable.`);
  }
  report(true);
  return { localPath, files: tree.length, bytes: total, skipped };
}

/** Every file under `folder`, breadth first, with the links that stay inside it resolved. */
async function walk(files: ClusterFiles, folder: string, skipped: DownloadOutcome['skipped'], signal?: AbortSignal): Promise<TreeFile[]> {
  const found: TreeFile[] = [];
  const pending = [''];
  for (let relative = pending.shift(); relative !== undefined; relative = pending.shift()) {
    if (signal?.aborted) throw new AppError('cancelled', `The download of ${folder} was cancelled.`);
    const here = relative === '' ? folder : posix.join(folder, relative);
    for (const entry of await files.list(here)) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const problem = jobFilePathProblem(path);
      if (problem) {
        skipped.push({ path, reason: problem });
        continue;
      }
      if (entry.isLink) {
        const real = await files.realPath(posix.join(here, entry.name));
        const inside = real === null ? null : relativeInside(folder, real);
        const target = real === null ? null : await files.stat(real);
        if (inside === null || inside === '' || !target) skipped.push({ path, reason: 'a link that leads outside the folder (or nowhere): not followed' });
        else if (target.isDirectory) skipped.push({ path, reason: 'a link to a folder: not followed, so nothing is copied twice' });
        else found.push({ remote: real!, relative: path, version: versionOf(target) });
        continue;
      }
      if (entry.isDirectory) pending.push(path);
      else found.push({ remote: posix.join(here, entry.name), relative: path, version: versionOf(entry) });
      if (found.length > maxTreeFiles) throw new AppError('too-many-files', `${folder} holds more than ${maxTreeFiles} files; download its folders one at a time.`);
    }
  }
  return found;
}

async function downloadFile(files: ClusterFiles, file: TreeFile, target: string, resume: boolean, signal: AbortSignal | undefined, onBytes: (bytes: number) => void): Promise<void> {
  const partial = `${target}${partialSuffix}`;
  const sidecar = `${partial}.json`;
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  if (resume) {
    const whole = await stat(target).catch(() => null);
    if (whole?.isFile() && whole.size === file.version.size) {
      onBytes(whole.size);
      return;
    }
  }
  const partialSize = resume ? ((await stat(partial).catch(() => null))?.size ?? null) : null;
  const recorded = resume ? parseRemoteVersion(await readFile(sidecar, 'utf8').catch(() => null)) : null;
  let offset = resumeOffset(partialSize, recorded, file.version);
  if (offset === 0) await writeFile(sidecar, JSON.stringify(file.version), { mode: 0o600 });
  const handle = await open(partial, offset === 0 ? 'w' : 'r+', 0o600);
  try {
    if (offset > 0) await handle.truncate(offset);
    onBytes(offset);
    while (offset < file.version.size) {
      if (signal?.aborted) throw new AppError('cancelled', 'paused');
      const bytes = await files.readFile(file.remote, { offset, length: Math.min(pieceBytes, file.version.size - offset) });
      if (bytes === null) throw new AppError('file-not-found', `${file.remote} disappeared during the download`);
      if (bytes.length === 0) throw new AppError('download-failed', `${file.remote} got shorter on the cluster during the download`);
      await handle.write(bytes, 0, bytes.length, offset);
      offset += bytes.length;
      onBytes(bytes.length);
    }
  } finally {
    await handle.close();
  }
  await rename(partial, target);
  await unlink(sidecar).catch(() => {});
}

function versionOf(info: FileStat): RemoteVersion {
  return { size: info.size, mtimeMs: info.mtimeMs };
}
