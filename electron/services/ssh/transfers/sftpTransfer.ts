import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { AppError } from '../../../../shared/errors';
import { moveChunks, type Chunk } from './chunkPipeline';
import { SftpRequests, SftpStatus, sftpStatusOf } from './sftpRequests';
import { cancelledError, sizeMismatchError, TransferErrorCode, transferError, type FailedStep, type TransferEnds } from './transferErrors';
import { createProgressMeter, type TransferProgress } from './transferProgress';

export type { TransferProgress } from './transferProgress';

export type TransferOptions = {
  /** Permissions of the new file; default: the source's (for downloads, plus owner read/write). */
  mode?: number;
  /** At most ~10 reports a second while bytes move, then one final report. */
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
  /** SFTP requests in flight at once. */
  concurrency?: number;
  /** Bytes per request; OpenSSH's sftp-server answers at most 255 KiB per read. */
  chunkBytes?: number;
  /** Told of an upload's temporary file it could not remove (the connection was cut), to remove it later. */
  stranded?: { record(path: string): void };
};

/**
 * Measured against OpenSSH 9.2 on loopback (test/integration/ssh/transfers.test.ts prints it):
 * 255 KiB requests with 64 in flight keep the link full; ssh2's own 32 KiB default is several
 * times slower, because every request costs a round trip and a server-side system call.
 */
export const transferDefaults = { concurrency: 64, chunkBytes: 255 * 1024 } as const;

const maxChunkBytes = 4 * 1024 * 1024;
const maxConcurrency = 256;

/**
 * Uploads a local file atomically: it is written to `.tmp-<random>-<name>` beside the target, its
 * size checked, then renamed over the target. On failure or cancel the temporary file is removed
 * and an existing target is untouched; when the connection is gone and it cannot be removed, it
 * is handed to `stranded`, which removes it on the next connection.
 */
export async function uploadFile(sftp: SFTPWrapper, localPath: string, remotePath: string, options: TransferOptions = {}): Promise<void> {
  const ends: TransferEnds = { direction: 'upload', localPath, remotePath };
  const { signal, concurrency, chunkBytes } = settings(options);
  if (signal?.aborted) throw cancelledError(ends);
  const requests = new SftpRequests(sftp);
  const temporary = posix.join(posix.dirname(remotePath), temporaryName(posix.basename(remotePath)));
  let step: FailedStep = 'open-local';
  let source: FileHandle | null = null;
  let handle: Buffer | null = null;
  let created = false;
  try {
    // Never blocks on a FIFO put where a file was listed; the check below refuses it.
    source = await open(localPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = await source.stat();
    if (!stats.isFile()) throw new AppError(TransferErrorCode.failed, `Could not upload ${localPath}: it is not a regular file.`);
    const total = stats.size;
    step = 'create-remote';
    // Private while incomplete; the final mode is set once every byte is in.
    handle = await requests.open(temporary, 'wx', { mode: 0o600 });
    created = true;
    const meter = createProgressMeter(total, options.onProgress);
    const local = source;
    const remote = handle;
    step = 'write-remote';
    await moveChunks({
      total, chunkBytes, concurrency, signal: signal ?? new AbortController().signal,
      moved: (bytes) => meter.add(bytes),
      move: async (chunk, untilStopped) => {
        const read = await readLocal(local, chunk).catch((error: unknown) => Promise.reject(transferError(ends, 'read-local', error)));
        if (read < chunk.length) throw sizeMismatchError(ends, total, chunk.offset + read, `${localPath} got shorter while it was uploading`);
        await untilStopped(requests.write(remote, chunk.buffer, 0, chunk.length, chunk.offset));
      },
    });
    step = 'finish-remote';
    // Mode, size check and close go out together (answered in order): one round trip, not three.
    const finishing = [requests.fchmod(remote, options.mode ?? stats.mode & 0o777), requests.fstat(remote)] as const;
    handle = null;
    const closing = requests.close(remote);
    const [chmodded, measured, closed] = await Promise.allSettled([...finishing, closing]);
    for (const outcome of [chmodded, measured, closed]) if (outcome.status === 'rejected') throw outcome.reason;
    const written = (measured as PromiseFulfilledResult<Stats>).value.size;
    if (written !== total) throw sizeMismatchError(ends, total, written, `the cluster holds a different size than ${localPath}`);
    if (signal?.aborted) throw cancelledError(ends);
    await replaceRemote(requests, temporary, remotePath);
    meter.finish();
  } catch (error) {
    // Whatever a cancel interrupted, the person asked for it: say so.
    const failure = signal?.aborted ? cancelledError(ends) : transferError(ends, step, error);
    if (!created) throw failure;
    // Requests on one channel are answered in order: once the unlink is answered, the writes still
    // in flight have landed in the (now nameless) temporary file.
    const removed = await Promise.allSettled([handle ? requests.close(handle) : Promise.resolve(), requests.unlink(temporary)]);
    const unlink = removed[1];
    if (unlink.status === 'rejected' && sftpStatusOf(unlink.reason) !== SftpStatus.noSuchFile) {
      if (options.stranded) {
        options.stranded.record(temporary);
        throw new AppError(failure.code, `${failure.message} Its partial copy ${temporary} is removed when Slurm Desk next connects.`);
      }
      throw new AppError(failure.code, `${failure.message} The temporary file ${temporary} may remain on the cluster.`);
    }
    throw failure;
  } finally {
    await source?.close().catch(() => {});
  }
}

/**
 * Downloads a remote file atomically: written to `.tmp-<random>-<name>` beside the local target,
 * flushed to disk, size checked, then renamed over the target. On failure or cancel the temporary
 * file is removed and an existing target is untouched.
 */
export async function downloadFile(sftp: SFTPWrapper, remotePath: string, localPath: string, options: TransferOptions = {}): Promise<void> {
  const ends: TransferEnds = { direction: 'download', localPath, remotePath };
  const { signal, concurrency, chunkBytes } = settings(options);
  if (signal?.aborted) throw cancelledError(ends);
  const requests = new SftpRequests(sftp);
  const temporary = join(dirname(localPath), temporaryName(basename(localPath)));
  let step: FailedStep = 'open-remote';
  let handle: Buffer | null = null;
  let target: FileHandle | null = null;
  let finished = false;
  try {
    handle = await requests.open(remotePath, 'r');
    const stats = await requests.fstat(handle);
    if (stats.isDirectory()) throw new AppError(TransferErrorCode.failed, `Could not download ${remotePath}: it is a folder on the cluster.`);
    const total = stats.size;
    step = 'create-local';
    target = await open(temporary, 'wx', options.mode ?? ((stats.mode & 0o777) | 0o600));
    const meter = createProgressMeter(total, options.onProgress);
    const local = target;
    const remote = handle;
    step = 'read-remote';
    await moveChunks({
      total, chunkBytes, concurrency, signal: signal ?? new AbortController().signal,
      moved: (bytes) => meter.add(bytes),
      move: async (chunk, untilStopped) => {
        for (let got = 0; got < chunk.length; ) {
          const read = await untilStopped(requests.read(remote, chunk.buffer, got, chunk.length - got, chunk.offset + got));
          if (read === 0) throw sizeMismatchError(ends, total, chunk.offset + got, `${remotePath} got shorter on the cluster while it was downloading`);
          got += read;
        }
        await writeLocal(local, chunk).catch((error: unknown) => Promise.reject(transferError(ends, 'write-local', error)));
      },
    });
    step = 'finish-local';
    if (options.mode !== undefined) await local.chmod(options.mode);
    await local.sync();
    const written = (await local.stat()).size;
    target = null;
    await local.close();
    if (written !== total) throw sizeMismatchError(ends, total, written, `${temporary} holds a different size than the file on the cluster`);
    if (signal?.aborted) throw cancelledError(ends);
    await rename(temporary, localPath);
    finished = true;
    meter.finish();
  } catch (error) {
    const failure = signal?.aborted ? cancelledError(ends) : transferError(ends, step, error);
    await target?.close().catch(() => {});
    if (step !== 'open-remote' && step !== 'create-local') await rm(temporary, { force: true }).catch(() => {});
    throw failure;
  } finally {
    if (handle) {
      // After a cancel, reads may still be in flight and the close is answered after them: do not wait.
      const closing = requests.close(handle).catch(() => {});
      if (finished) await closing;
    }
  }
}

function settings(options: TransferOptions) {
  const whole = (value: number | undefined, fallback: number, max: number) =>
    Math.min(max, Math.max(1, Number.isFinite(value) ? Math.floor(value ?? fallback) : fallback));
  return {
    signal: options.signal,
    concurrency: whole(options.concurrency, transferDefaults.concurrency, maxConcurrency),
    chunkBytes: whole(options.chunkBytes, transferDefaults.chunkBytes, maxChunkBytes),
  };
}

/** Beside the target, hidden, and short enough for a 255-byte file name limit. */
function temporaryName(name: string): string {
  return `.tmp-${randomBytes(6).toString('hex')}-${name.slice(0, 200)}`;
}

/** Bytes read into the chunk's buffer; fewer than asked only at the end of the file. */
async function readLocal(file: FileHandle, chunk: Chunk): Promise<number> {
  let got = 0;
  while (got < chunk.length) {
    const { bytesRead } = await file.read(chunk.buffer, got, chunk.length - got, chunk.offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

async function writeLocal(file: FileHandle, chunk: Chunk): Promise<void> {
  for (let done = 0; done < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk.buffer, done, chunk.length - done, chunk.offset + done);
    done += bytesWritten;
  }
}

/** posix-rename replaces the target at once; without it, SFTP rename refuses an existing target. */
async function replaceRemote(requests: SftpRequests, from: string, to: string): Promise<void> {
  if (await requests.posixRename(from, to)) return;
  try {
    await requests.unlink(to);
  } catch (error) {
    if (sftpStatusOf(error) !== SftpStatus.noSuchFile) throw error;
  }
  await requests.rename(from, to);
}
