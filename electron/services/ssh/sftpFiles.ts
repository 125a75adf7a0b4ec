import { posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileEntry, FileStat } from '../backends/types';
import type { ClusterFiles } from '../backends/types';
import type { SftpSession } from './sshBackend';
import type { SFTPWrapper, Stats } from 'ssh2';

const noSuchFile = 2; // SSH_FX_NO_SUCH_FILE

/**
 * Files on the cluster over SFTP. Writes go to a temporary name beside the target, then a rename
 * (the posix-rename extension where the server has it, so an existing file is replaced at once).
 */
export function createSftpFiles(session: SftpSession): ClusterFiles {
  const withSftp = async <T>(work: (sftp: SFTPWrapper) => Promise<T>) => work(await session.sftp());
  return {
    homeDir: () => session.homeDir(),
    mkdir: (path, mode) => withSftp((sftp) => mkdirRecursive(sftp, path, mode)),
    writeFileAtomic: (path, data, mode) =>
      withSftp(async (sftp) => {
        const temporary = posix.join(posix.dirname(path), `.tmp-${randomBytes(6).toString('hex')}-${posix.basename(path)}`);
        await call<void>((done) => sftp.writeFile(temporary, typeof data === 'string' ? data : Buffer.from(data), { mode }, done));
        try {
          await call<void>((done) => sftp.chmod(temporary, mode, done));
          await call<void>((done) => sftp.ext_openssh_rename(temporary, path, done));
        } catch (error) {
          await call<void>((done) => sftp.unlink(temporary, done)).catch(() => {});
          throw error;
        }
      }),
    readFile: (path, range) =>
      withSftp(async (sftp) => {
        let handle: Buffer;
        try {
          handle = await call<Buffer>((done) => sftp.open(path, 'r', done));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
        try {
          const stats = await call<Stats>((done) => sftp.fstat(handle, done));
          const offset = range?.offset ?? 0;
          const length = Math.max(0, Math.min(range?.length ?? stats.size, stats.size - offset));
          const buffer = Buffer.alloc(length);
          let read = 0;
          while (read < length) {
            const chunk = Math.min(255 * 1024, length - read);
            const count = await call<number>((done) => sftp.read(handle, buffer, read, chunk, offset + read, (error, bytes) => done(error, bytes)));
            if (count === 0) break;
            read += count;
          }
          return new Uint8Array(buffer.subarray(0, read));
        } finally {
          await call<void>((done) => sftp.close(handle, done)).catch(() => {});
        }
      }),
    stat: (path) =>
      withSftp(async (sftp) => {
        try {
          return toStat(await call<Stats>((done) => sftp.stat(path, done)));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),
    list: (path) =>
      withSftp(async (sftp) => {
        const entries = await call<{ filename: string; attrs: Stats }[]>((done) => sftp.readdir(path, done));
        return entries.map((entry): FileEntry => ({ name: entry.filename, ...toStat(entry.attrs) })).sort((a, b) => a.name.localeCompare(b.name));
      }),
    realPath: (path) =>
      withSftp(async (sftp) => {
        try {
          const resolved = await call<string>((done) => sftp.realpath(path, done));
          // Some servers resolve a name that does not exist; only an existing target counts.
          await call<Stats>((done) => sftp.stat(resolved, done));
          return resolved;
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),
  };
}

async function mkdirRecursive(sftp: SFTPWrapper, path: string, mode: number): Promise<void> {
  const parts = path.split('/').filter(Boolean);
  let current = path.startsWith('/') ? '' : '.';
  for (const part of parts) {
    current = `${current}/${part}`;
    try {
      const stats = await call<Stats>((done) => sftp.stat(current, done));
      if (!stats.isDirectory()) throw new Error(`${current} exists and is not a folder`);
    } catch (error) {
      if (!isMissing(error)) throw error;
      await call<void>((done) => sftp.mkdir(current, { mode }, done));
    }
  }
}

function toStat(stats: Stats): FileStat {
  return { size: stats.size, mtimeMs: stats.mtime * 1000, isDirectory: stats.isDirectory(), mode: stats.mode & 0o7777 };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: number }).code === noSuchFile;
}

function call<T>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}
