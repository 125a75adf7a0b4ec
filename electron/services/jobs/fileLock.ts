import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * A short-lived lock between processes sharing the data folder (the app and the CLI): mkdir is
 * atomic on every filesystem we run on. A lock whose owner process is gone is broken.
 */
export function withFileLock<T>(lockDir: string, action: () => T, timeoutMs = 10_000): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir, { mode: 0o700 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(lockDir, error);
      if (isStale(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lockDir}; if no other Slurm Desk is running, delete it.`, { cause: error });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try {
    try {
      writeFileSync(join(lockDir, 'owner'), String(process.pid), { mode: 0o600 });
    } catch (error) {
      throw unwritable(lockDir, error);
    }
    return action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function isStale(lockDir: string): boolean {
  try {
    const owner = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
    if (!Number.isInteger(owner) || owner <= 0) return Date.now() - statSync(lockDir).mtimeMs > 5_000;
    process.kill(owner, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return true;
    // No owner file yet: the holder is between mkdir and writing it; only very old ones are stale.
    if (code === 'ENOENT') {
      try {
        return Date.now() - statSync(lockDir).mtimeMs > 5_000;
      } catch {
        return false;
      }
    }
    return false;
  }
}

/**
 * A full or read-only data folder fails here first (the lock is the first thing written): the
 * person gets what happened and what to do, not a bare ENOSPC reported as an unexpected failure.
 */
function unwritable(lockDir: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('data-folder-unwritable', `Could not write in the data folder (${reason}) at ${lockDir}. Free some disk space and try again.`);
}
