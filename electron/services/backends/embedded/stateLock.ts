import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { SchedulerError } from '../types';
import { isSameProcess, processStartTime } from './taskProcess';

// Locks this process holds, so a second scheduler on the same folder in the same app is refused too.
const heldHere = new Set<string>();

/**
 * One scheduler per state folder: two (the desktop app and the CLI, say) would each rewrite the
 * job list from their own memory and lose the other's jobs. The lock names its holder's pid and
 * start time, so a lock left by a crashed app is recognised as stale and taken over.
 */
export function acquireStateLock(path: string): () => void {
  if (heldHere.has(path)) throw new StateFolderInUse(path, process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(path, 'wx', 0o600);
      try {
        writeSync(descriptor, JSON.stringify({ pid: process.pid, start: processStartTime(process.pid) }));
      } finally {
        closeSync(descriptor);
      }
      heldHere.add(path);
      return () => release(path);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const holder = readHolder(path);
      if (holder !== null && holder.pid !== process.pid && isSameProcess(holder.pid, holder.start)) throw new StateFolderInUse(path, holder.pid);
      unlinkSync(path);
    }
  }
  throw new StateFolderInUse(path, null);
}

function release(path: string): void {
  if (!heldHere.delete(path)) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function readHolder(path: string): { pid: number; start: string | null } | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || !('pid' in value) || !('start' in value)) return null;
    const { pid, start } = value;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
    return { pid, start: typeof start === 'string' ? start : null };
  } catch {
    return null;
  }
}

/** Another scheduler holds the folder (the executor daemon tells this apart from a real failure). */
export class StateFolderInUse extends SchedulerError {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number | null,
  ) {
    const who =
      holderPid === null ? 'another Slurm Desk' : holderPid === process.pid ? 'this Slurm Desk already' : `another Slurm Desk (process ${holderPid})`;
    super('scheduler-unreachable', `The jobs of This computer are managed by ${who}; lock file ${lockPath}. Close it and try again.`);
  }
}
