import { writeSync } from 'node:fs';

/**
 * Writes every byte: a nearly full disk takes part of a write and says how much in the return
 * value, so the rest is written until it is all in or the disk says no (ENOSPC).
 */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}
