import { posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileEntry, FileStat } from '../backends/types';
import type { ClusterFiles } from '../backends/types';
import type { SftpSession } from './sshBackend';
import type { SFTPWrapper, Stats } from 'ssh2';
import { sftpCall, SftpStatus, sftpStatusOf } from './transfers/sftpRequests';

const noSuchFile = 2; // SSH_FX_NO_SUCH_FILE
const writeChunkBytes = 255 * 1024;

/**
 * Files on the cluster over SFTP. Writes go to a temporary name beside the target, then a rename
 * (the posix-rename extension where the server has it, so an existing file is replaced at once);
 * a temporary a cut connection kept from removing goes to `stranded`, removed on the next connection.
 */
export function createSftpFiles(session: SftpSession, stranded?: { record(path: string): void }): ClusterFiles {
  const withSftp = async <T>(work: (sftp: SFTPWrapper) => Promise<T>) => work(await session.sftp());
  return {
    homeDir: () => session.homeDir(),
    mkdir: (path, mode) => withSftp((sftp) => mkdirRecursive(sftp, path, mode)),
    writeFileAtomic: (path, data, mode) => withSftp((sftp) => writeAtomic(sftp, path, typeof data === 'string' ? Buffer.from(data) : Buffer.from(data), mode, stranded)),
    readFile: (path, range) =>
      withSftp(async (sftp) => {
        let handle: Buffer;
        try {
          handle = await sftpCall<Buffer>(sftp, (done) => sftp.open(path, 'r', done));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
        try {
          const stats = await sftpCall<Stats>(sftp, (done) => sftp.fstat(handle, done));
          const offset = range?.offset ?? 0;
          const length = Math.max(0, Math.min(range?.length ?? stats.size, stats.size - offset));
          const buffer = Buffer.alloc(length);
          let read = 0;
          while (read < length) {
            const chunk = Math.min(255 * 1024, length - read);
            const count = await sftpCall<number>(sftp, (done) => sftp.read(handle, buffer, read, chunk, offset + read, (error, bytes) => done(error, bytes)));
            if (count === 0) break;
            read += count;
          }
          return new Uint8Array(buffer.subarray(0, read));
        } finally {
          await sftpCall<void>(sftp, (done) => sftp.close(handle, done)).catch(() => {});
        }
      }),
    stat: (path) =>
      withSftp(async (sftp) => {
        try {
          return toStat(await sftpCall<Stats>(sftp, (done) => sftp.stat(path, done)));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),
    ownership: (path) =>
      withSftp(async (sftp) => {
        try {
          const stats = await sftpCall<Stats>(sftp, (done) => sftp.stat(path, done));
          return { uid: stats.uid, mode: stats.mode & 0o7777, isDirectory: stats.isDirectory() };
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),
    list: (path) =>
      withSftp(async (sftp) => {
        const entries = await sftpCall<{ filename: string; attrs: Stats }[]>(sftp, (done) => sftp.readdir(path, done));
        return entries.map((entry): FileEntry => ({ name: entry.filename, ...toStat(entry.attrs), isLink: entry.attrs.isSymbolicLink() })).sort((a, b) => a.name.localeCompare(b.name));
      }),
    realPath: (path) =>
      withSftp(async (sftp) => {
        try {
          const resolved = await sftpCall<string>(sftp, (done) => sftp.realpath(path, done));
          // Some servers resolve a name that does not exist; only an existing target counts.
          await sftpCall<Stats>(sftp, (done) => sftp.stat(resolved, done));
          return resolved;
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),
  };
}

/**
 * Creates the folder, and its parents only when they are missing: a new job folder under an
 * existing base costs one request, not one per path component.
 */
async function mkdirRecursive(sftp: SFTPWrapper, path: string, mode: number): Promise<void> {
  try {
    await sftpCall<void>(sftp, (done) => sftp.mkdir(path, { mode }, done));
    return;
  } catch (error) {
    const parent = posix.dirname(path);
    if (isMissing(error) && parent !== path) {
      await mkdirRecursive(sftp, parent, mode);
      await sftpCall<void>(sftp, (done) => sftp.mkdir(path, { mode }, done)).catch((again: unknown) => existingFolder(sftp, path, again));
      return;
    }
    // OpenSSH answers a plain "failure" when the path exists: fine if it is a folder.
    await existingFolder(sftp, path, error);
  }
}

/** Resolves when `path` is a folder (made meanwhile, or there before); otherwise fails with why. */
async function existingFolder(sftp: SFTPWrapper, path: string, mkdirError: unknown): Promise<void> {
  let stats: Stats;
  try {
    stats = await sftpCall<Stats>(sftp, (done) => sftp.stat(path, done));
  } catch {
    throw mkdirError;
  }
  if (!stats.isDirectory()) throw new Error(`${path} exists and is not a folder`);
}

/**
 * Writes `data` to a temporary name beside `path`, then renames it over `path`. The write, the
 * mode and the close go out together (SFTP answers a channel's requests in order), so a small
 * file costs three round trips; the rename waits for all three to succeed.
 */
async function writeAtomic(sftp: SFTPWrapper, path: string, data: Buffer, mode: number, stranded?: { record(path: string): void }): Promise<void> {
  const temporary = posix.join(posix.dirname(path), `.tmp-${randomBytes(6).toString('hex')}-${posix.basename(path)}`);
  const handle = await sftpCall<Buffer>(sftp, (done) => sftp.open(temporary, 'wx', { mode }, done));
  const steps: Promise<void>[] = [];
  // ssh2 splits a long write into packets itself; one request per 255 KiB keeps each answer small.
  for (let offset = 0; offset < data.length; offset += writeChunkBytes) {
    const length = Math.min(writeChunkBytes, data.length - offset);
    steps.push(sftpCall<void>(sftp, (done) => sftp.write(handle, data, offset, length, offset, done)));
  }
  // The mode asked for, whatever the server's umask did to the one given at open.
  steps.push(sftpCall<void>(sftp, (done) => sftp.fchmod(handle, mode, done)));
  steps.push(sftpCall<void>(sftp, (done) => sftp.close(handle, done)));
  const outcomes = await Promise.allSettled(steps);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  try {
    if (failed) throw failed.reason;
    await sftpCall<void>(sftp, (done) => sftp.ext_openssh_rename(temporary, path, done));
  } catch (error) {
    try {
      await sftpCall<void>(sftp, (done) => sftp.unlink(temporary, done));
    } catch (unlinkError) {
      // The connection is gone: removed on the next one.
      if (sftpStatusOf(unlinkError) !== SftpStatus.noSuchFile) stranded?.record(temporary);
    }
    throw error;
  }
}

function toStat(stats: Stats): FileStat {
  return { size: stats.size, mtimeMs: stats.mtime * 1000, isDirectory: stats.isDirectory(), mode: stats.mode & 0o7777 };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: number }).code === noSuchFile;
}
