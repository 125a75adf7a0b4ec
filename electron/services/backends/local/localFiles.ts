import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Stats } from 'node:fs';
import { openRegularFile, regularFileError } from '../../fs/readRegularFile';
import type { ClusterFiles, FileEntry, FileOwnership, FileStat } from '../types';

/** ClusterFiles on this computer's own disk (the local backend: Slurm runs here). */
export function createLocalFiles(): ClusterFiles {
  return {
    homeDir: async () => homedir(),
    mkdir: makeFolders,
    writeFileAtomic,
    readFile: readRange,
    stat: statOrNull,
    ownership,
    list,
    realPath,
  };
}

async function realPath(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isMissing(error) || (error instanceof Error && 'code' in error && error.code === 'ELOOP')) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function toFileStat(stats: Stats): FileStat {
  return { size: stats.size, mtimeMs: stats.mtimeMs, isDirectory: stats.isDirectory(), mode: stats.mode & 0o7777 };
}

/** The umask would loosen or tighten `mode`; each folder this call created gets exactly `mode`. */
async function makeFolders(path: string, mode: number): Promise<void> {
  const first = await mkdir(path, { recursive: true, mode });
  if (first === undefined) return;
  const created = [first, ...relative(first, path).split(sep).filter((part) => part !== '')];
  let current = '';
  for (const part of created) {
    current = current === '' ? part : join(current, part);
    await chmod(current, mode);
  }
}

/**
 * Temp file in the same folder (a rename across filesystems is not atomic), data flushed to disk
 * before the rename, so a crash leaves either the old file or the new one, never half of one.
 */
async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await syncFolder(folder);
}

// The rename itself is durable only once the folder is flushed; not every platform allows it.
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (handle === null) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/** A whole-file read is for small files (specs, markers); logs and results are read by range. */
export const maxWholeFileRead = 64 * 1024 * 1024;

/**
 * Reads only the asked range, so the last page of a 10 GB log costs one page. A job can leave a
 * FIFO or a device where a log or a marker should be: it is refused, never waited on or drained.
 */
async function readRange(path: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
  try {
    if (range !== undefined && (range.offset < 0 || range.length < 0)) throw new RangeError('offset and length must not be negative');
    const { handle, size } = await openRegularFile(path, 'the file');
    try {
      if (range === undefined && size > maxWholeFileRead) {
        throw regularFileError(path, { ok: false, problem: 'too-large', size }, maxWholeFileRead, 'the file');
      }
      const { offset, length } = range ?? { offset: 0, length: size };
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function statOrNull(path: string): Promise<FileStat | null> {
  try {
    return toFileStat(await stat(path));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function ownership(path: string): Promise<FileOwnership | null> {
  try {
    const stats = await stat(path);
    return { uid: stats.uid, mode: stats.mode & 0o7777, isDirectory: stats.isDirectory() };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Entries described by lstat: a symlink in a job folder is reported, never followed. */
async function list(path: string): Promise<FileEntry[]> {
  const names = await readdir(path);
  const entries = await Promise.all(
    names.map(async (name): Promise<FileEntry | null> => {
      try {
        const info = await lstat(join(path, name));
        return { name, ...toFileStat(info), isLink: info.isSymbolicLink() };
      } catch (error) {
        if (isMissing(error)) return null; // removed between readdir and lstat
        throw error;
      }
    }),
  );
  return entries.filter((entry): entry is FileEntry => entry !== null).sort((a, b) => a.name.localeCompare(b.name));
}
