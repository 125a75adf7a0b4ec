import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

const newline = 0x0a;

/**
 * Lines are decoded a slice at a time: one string of a whole 55 MiB journal (100,000 jobs) and an
 * array of all its lines add that much again to what a load holds, and keep the collector busier.
 */
const sliceBytes = 1 << 20;

/** The file's inode and its bytes from `offset` to its end, as they are now. */
export function readFrom(path: string, offset: number): { inode: number; bytes: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const { ino: inode, size } = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(Math.max(0, size - offset));
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(fd, bytes, read, bytes.length - read, offset + read);
      if (count === 0) break;
      read += count;
    }
    return { inode, bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** Where a line's bytes are in the buffer given to forEachLine (its newline not included). */
export type LineBytes = { start: number; end: number };

/**
 * Calls `visit` with every whole line (empty ones included) and returns how many bytes they took
 * with their newlines, so the caller counts in bytes what it read in bytes. Bytes after the last
 * newline are left alone: another writer's line in progress or, at load, a write cut short by a
 * crash. A newline byte never occurs inside a UTF-8 sequence (nor does decoding bad bytes make
 * one), so decoding slice by slice reads exactly what decoding the whole would. `locate` finds a
 * line's bytes, for the rare line that must be kept as it was (a damaged one): `lineAt(bytes, from,
 * index)` with the two numbers `visit` is given (no closure per line: a load visits 100,000).
 */
export function forEachLine(bytes: Buffer, visit: (line: string, from: number, index: number) => void): number {
  const end = bytes.lastIndexOf(newline);
  for (let start = 0; start <= end; ) {
    const stop = start + sliceBytes >= end ? end : bytes.indexOf(newline, start + sliceBytes);
    const lines = bytes.toString('utf8', start, stop).split('\n');
    for (let index = 0; index < lines.length; index += 1) visit(lines[index]!, start, index);
    start = stop + 1;
  }
  return end + 1;
}

/** The bytes of the `index`-th line counted from `from`, found by walking newlines. */
export function lineAt(bytes: Buffer, from: number, index: number): LineBytes {
  let start = from;
  for (let skipped = 0; skipped < index; skipped += 1) start = bytes.indexOf(newline, start) + 1;
  const end = bytes.indexOf(newline, start);
  return { start, end: end === -1 ? bytes.length : end };
}

/** Writes all of `bytes`: a nearly full disk takes part of a write and says how much. */
export function writeAll(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** Flushes a folder's entries (a rename into it) to disk. */
export function syncFolder(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
