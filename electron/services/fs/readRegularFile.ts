import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';

export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'unreadable'; code: string }
  | { ok: false; problem: 'not-a-file'; kind: FileKind }
  | { ok: false; problem: 'too-large'; size: number };

export type FileKind = 'folder' | 'pipe (FIFO)' | 'character device' | 'block device' | 'socket' | 'symbolic link' | 'file' | 'special file';

/** Stable codes of a refused read, so a caller (or a test) never compares message text. */
export const FileReadErrorCode = {
  unreadable: 'file-unreadable',
  notRegular: 'file-not-regular',
  tooLarge: 'file-too-large',
} as const;

/**
 * A file's bytes, only when it is a regular file of at most `maxBytes`. It is opened without
 * blocking and checked on the open descriptor, so a FIFO or a device behind a symlink can
 * neither hang the app nor fill its memory, and what is checked is what is read. Every file the
 * app reads because a person, the window or a cluster named it goes through here.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    // A Unix socket cannot be opened (ENXIO): say what it is rather than a bare errno.
    const kind = code === 'ENXIO' ? kindOfPath(path) : null;
    if (kind !== null && kind !== 'file') return { ok: false, problem: 'not-a-file', kind };
    return { ok: false, problem: 'unreadable', code };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, problem: 'not-a-file', kind: kindOf(info) };
    if (info.size > maxBytes) return { ok: false, problem: 'too-large', size: info.size };
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < info.size) {
      const count = readSync(fd, bytes, filled, info.size - filled, filled);
      if (count === 0) break; // it shrank meanwhile: what is there is what is hashed and used
      filled += count;
    }
    return { ok: true, bytes: bytes.subarray(0, filled) };
  } catch (error) {
    return { ok: false, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a file for reading only when it is a regular file, without ever blocking on a FIFO: for
 * callers that read a range or stream (logs, uploads). Missing files reject with the errno error
 * (ENOENT) as open() would; anything not a regular file rejects with a file-not-regular AppError.
 */
export async function openRegularFile(path: string, what: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw regularFileError(path, { ok: false, problem: 'not-a-file', kind: kindOf(info) }, 0, what);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** As readRegularFile, without holding the event loop while a large file (an upload) is read. */
export async function readRegularFileAsync(path: string, maxBytes: number, what: string): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, what).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && !(error instanceof AppError)) throw regularFileError(path, { ok: false, problem: 'unreadable', code }, maxBytes, what);
    throw error;
  });
  try {
    if (size > maxBytes) throw regularFileError(path, { ok: false, problem: 'too-large', size }, maxBytes, what);
    const bytes = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * As readRegularFile, but a refusal is an AppError that names the file, what it is (a pipe, a
 * device…) or its size and the limit, and what to do: `what` says which file it was meant to be
 * ("the SSH config file", "the key file").
 */
export function readRegularFileOrThrow(path: string, maxBytes: number, what: string): Buffer {
  const read = readRegularFile(path, maxBytes);
  if (read.ok) return read.bytes;
  throw regularFileError(path, read, maxBytes, what);
}

export function regularFileError(path: string, read: Exclude<RegularFileRead, { ok: true }>, maxBytes: number, what: string): AppError {
  switch (read.problem) {
    case 'unreadable':
      return new AppError(FileReadErrorCode.unreadable, `Cannot read ${what} ${path}: ${describeErrno(read.code)}.`);
    case 'not-a-file':
      return new AppError(FileReadErrorCode.notRegular, `${what[0]!.toUpperCase()}${what.slice(1)} ${path} is a ${read.kind}, not a regular file; pick a regular file.`);
    case 'too-large':
      return new AppError(FileReadErrorCode.tooLarge, `${what[0]!.toUpperCase()}${what.slice(1)} ${path} is ${read.size} bytes; at most ${maxBytes} bytes are read. Pick the right file.`);
  }
}

function describeErrno(code: string): string {
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code;
}

function kindOfPath(path: string): FileKind | null {
  try {
    return kindOf(statSync(path));
  } catch {
    return null;
  }
}

function kindOf(info: Stats): FileKind {
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'pipe (FIFO)';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  if (info.isSocket()) return 'socket';
  if (info.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}
