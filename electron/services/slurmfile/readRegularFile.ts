import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'unreadable'; code: string }
  | { ok: false; problem: 'not-a-file' }
  | { ok: false; problem: 'too-large'; size: number };

/**
 * A file's bytes, only when it is a regular file of at most `maxBytes`. It is opened without
 * blocking and checked on the open descriptor, so a FIFO or a device behind a project's symlink
 * can neither hang the app nor fill its memory, and what is checked is what is read.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, problem: 'not-a-file' };
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
