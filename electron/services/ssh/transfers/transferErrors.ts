import { basename, dirname, posix } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { ChannelClosedError, SftpStatus, sftpStatusOf } from './sftpRequests';

export const TransferErrorCode = {
  failed: 'transfer-failed',
  cancelled: 'transfer-cancelled',
  sizeMismatch: 'transfer-size-mismatch',
} as const;

/** Both ends of one transfer, for messages that say which file went where. */
export type TransferEnds = { direction: 'upload' | 'download'; localPath: string; remotePath: string };

/** What the failing step was doing, so "no such file" can say which file or folder is missing. */
export type FailedStep =
  | 'open-local' // the local source (upload)
  | 'create-local' // the local temporary file (download)
  | 'open-remote' // the remote source (download)
  | 'create-remote' // the remote temporary file (upload)
  | 'read-local'
  | 'write-local'
  | 'read-remote'
  | 'write-remote'
  | 'finish-remote'
  | 'finish-local';

function headline(ends: TransferEnds): string {
  return ends.direction === 'upload'
    ? `Could not upload ${basename(ends.localPath)} to ${ends.remotePath} on the cluster`
    : `Could not download ${ends.remotePath} from the cluster to ${ends.localPath}`;
}

export function cancelledError(ends: TransferEnds): AppError {
  const what = ends.direction === 'upload' ? `Upload of ${basename(ends.localPath)} to ${ends.remotePath}` : `Download of ${ends.remotePath} to ${ends.localPath}`;
  return new AppError(TransferErrorCode.cancelled, `${what} was cancelled; nothing was left at the destination.`);
}

export function sizeMismatchError(ends: TransferEnds, expected: number, actual: number, why: string): AppError {
  return new AppError(
    TransferErrorCode.sizeMismatch,
    `${headline(ends)}: ${why} (expected ${expected} bytes, got ${actual}). The target was left as it was; try again.`,
  );
}

/** Any failure as an AppError saying what failed and where; AppErrors pass through unchanged. */
export function transferError(ends: TransferEnds, step: FailedStep, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(TransferErrorCode.failed, `${headline(ends)}: ${reason(ends, step, error)}.`);
}

function reason(ends: TransferEnds, step: FailedStep, error: unknown): string {
  if (error instanceof ChannelClosedError || (error instanceof Error && error.message === 'No response from server')) {
    return 'the connection to the cluster closed';
  }
  const remoteFolder = posix.dirname(ends.remotePath);
  const status = sftpStatusOf(error);
  if (status !== undefined) {
    if (status === SftpStatus.noSuchFile) {
      if (step === 'create-remote') return `the folder ${remoteFolder} does not exist on the cluster`;
      if (step === 'open-remote') return `${ends.remotePath} does not exist on the cluster`;
    }
    if (status === SftpStatus.permissionDenied) {
      if (step === 'create-remote' || step === 'finish-remote') return `you may not write in ${remoteFolder} on the cluster`;
      return `you may not read ${ends.remotePath} on the cluster`;
    }
    if (step === 'write-remote') return `the cluster refused a write (is the disk or your quota full?): ${messageOf(error)}`;
    return `the cluster answered: ${messageOf(error)}`;
  }
  const errno = (error as { code?: unknown } | null)?.code;
  const localFolder = dirname(ends.localPath);
  switch (errno) {
    case 'ENOENT':
      return step === 'create-local' ? `the folder ${localFolder} does not exist on this computer` : `${ends.localPath} does not exist on this computer`;
    case 'EACCES':
    case 'EPERM':
      return step === 'create-local' || step === 'finish-local' ? `you may not write in ${localFolder} on this computer` : `you may not read ${ends.localPath} on this computer`;
    case 'EISDIR':
      return `${ends.localPath} is a folder`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk on this computer is full';
    default:
      return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
