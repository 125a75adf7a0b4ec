import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

export const PrivateFolderErrorCode = { notPrivate: 'folder-not-private' } as const;

/** Folders the app makes for itself: only its own user may list or enter them. */
export const privateFolderMode = 0o700;
/** Files the app writes for itself. */
export const privateFileMode = 0o600;

/**
 * Creates `path` (and any missing parent) as 0700, or makes an existing one 0700 when group or
 * others could read it, telling `onTightened` the mode it had. A folder of another user is
 * refused: the app never keeps its data where someone else decides who reads it.
 */
export function ensurePrivateFolder(path: string, onTightened?: (previousMode: number) => void): void {
  mkdirSync(path, { recursive: true, mode: privateFolderMode });
  if (process.platform === 'win32') return; // ACLs, not mode bits, guard folders there
  const info = statSync(path);
  if (!info.isDirectory()) {
    throw new AppError(PrivateFolderErrorCode.notPrivate, `${path} is not a folder; Slurm Desk needs a folder of its own there. Move it away or set SLURMDESK_HOME.`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new AppError(
      PrivateFolderErrorCode.notPrivate,
      `${path} belongs to another user (uid ${info.uid}); Slurm Desk keeps its data only in a folder of its own user. Remove it or set SLURMDESK_HOME.`,
    );
  }
  if ((info.mode & 0o077) !== 0) {
    chmodSync(path, privateFolderMode);
    onTightened?.(info.mode & 0o777);
  }
}

/** True when `path` is a folder of this user that nobody else may enter (0700 or tighter). */
export function isPrivateFolderOfThisUser(path: string): boolean {
  try {
    const info = statSync(path);
    const uid = process.getuid?.();
    return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Makes an existing file of the app's own 0600 when group or others could read it (older versions wrote 0644). */
export function tightenPrivateFile(path: string, onTightened?: (previousMode: number) => void): void {
  if (process.platform === 'win32') return;
  try {
    const info = statSync(path);
    if (!info.isFile() || (info.mode & 0o077) === 0) return;
    chmodSync(path, privateFileMode);
    onTightened?.(info.mode & 0o777);
  } catch {
    // Not there yet: it is created 0600.
  }
}
