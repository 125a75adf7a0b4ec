import { createHash } from 'node:crypto';
import { readRegularFile } from '../fs/readRegularFile';

/** A callback module is code a person reads before trusting it, not a bundle of everything. */
export const maxCallbackModuleBytes = 8 * 1024 * 1024;

/** SHA-256 of a module's bytes (through any symlink), or why it has none. */
export function moduleHash(path: string): { ok: true; sha256: string } | { ok: false; problem: string } {
  const read = readRegularFile(path, maxCallbackModuleBytes);
  if (read.ok) return { ok: true, sha256: createHash('sha256').update(read.bytes).digest('hex') };
  if (read.problem === 'unreadable') return { ok: false, problem: read.code === 'ENOENT' ? 'does not exist' : `cannot be read (${read.code})` };
  if (read.problem === 'not-a-file') return { ok: false, problem: 'is not a regular file' };
  return { ok: false, problem: `is ${read.size} bytes; a callback module may be at most ${maxCallbackModuleBytes}` };
}
