import { posix } from 'node:path';
import type { JobTask } from '../../../shared/contract/jobsMethods';
import { parseArrayRange } from '../../../shared/jobs/arrayRange';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { isTerminal } from '../../../shared/jobs/jobState';
import { AppError } from '../../../shared/errors';
import type { Backend } from '../backends/types';
import { jobFiles } from './jobFolder';

/** Task markers read at most per call: past this, a forgotten task keeps the array's own state. */
const maxMarkerReads = 1000;

/** The array's task indices from its spec: the range's, or one per item. */
export function taskIndices(record: JobRecord): number[] {
  const array = record.spec.array;
  if (!array) throw new AppError('not-an-array', `Job ${record.id} (${record.name}) is not an array job, so it has no tasks.`);
  if ('items' in array) return array.items.map((_item, index) => index);
  const parsed = parseArrayRange(array.range);
  return typeof parsed === 'string' ? [] : parsed.indices;
}

/**
 * The journal keeps only per-state counts for an array (one record, however many tasks), so the
 * tasks are asked of the scheduler: one queue and one accounting command for the whole array.
 * Tasks it no longer mentions are read from their markers in the job folder; without those, a
 * task of a live array is still pending and one of a finished array keeps the array's state.
 */
export async function listTasks(record: JobRecord, backend: Backend, now = Date.now()): Promise<JobTask[]> {
  const indices = taskIndices(record);
  if (record.slurmId === null) {
    return indices.map((index) => ({ index, state: record.state, reason: record.reason, exit: null, startedAt: null, endedAt: null }));
  }
  const known = new Map<number, JobTask>();
  for (const entry of await backend.scheduler.settle([record.slurmId])) {
    if (entry.arrayTaskId === null) continue;
    const { state, reason, exit, startedAt, endedAt } = entry;
    known.set(entry.arrayTaskId, { index: entry.arrayTaskId, state, reason, exit, startedAt, endedAt });
  }
  // The queue is live and wins over accounting, which may lag behind.
  for (const entry of await backend.scheduler.queue([record.slurmId])) {
    if (entry.arrayTaskId === null) continue;
    const startedAt = entry.elapsedSeconds !== null && entry.state !== 'PENDING' ? new Date(now - entry.elapsedSeconds * 1000).toISOString() : null;
    known.set(entry.arrayTaskId, { index: entry.arrayTaskId, state: entry.state, reason: entry.reason, exit: null, startedAt, endedAt: null });
  }
  // A finished array has no live task: a task accounting still shows running or pending is a
  // record that lags behind (or a placeholder); its marker or the array's own state decides.
  if (isTerminal(record.state)) for (const [index, task] of known) if (!isTerminal(task.state)) known.delete(index);
  const unseen = indices.filter((index) => !known.has(index));
  const fromMarkers = isTerminal(record.state) && unseen.length > 0 ? await readTaskMarkers(record, backend, unseen) : new Map<number, JobTask>();
  return indices.map((index) => known.get(index) ?? fromMarkers.get(index) ?? forgotten(record, index));
}

function forgotten(record: JobRecord, index: number): JobTask {
  if (!isTerminal(record.state)) {
    // Slurm forgets tasks cancelled before they started; others it has not listed yet still wait.
    const state = record.cancelRequestedAt ? 'CANCELLED' : 'PENDING';
    return { index, state, reason: null, exit: null, startedAt: null, endedAt: null };
  }
  if (record.cancelRequestedAt) return { index, state: 'CANCELLED', reason: 'Cancelled before it started.', exit: null, startedAt: null, endedAt: null };
  return { index, state: record.state, reason: 'The scheduler no longer reports this task; shown with the state of its array.', exit: null, startedAt: null, endedAt: null };
}

/** One folder listing, then the end markers of the forgotten tasks that wrote one. */
async function readTaskMarkers(record: JobRecord, backend: Backend, unseen: number[]): Promise<Map<number, JobTask>> {
  const names = new Set((await backend.files.list(record.jobDir).catch(() => [])).map((entry) => entry.name));
  const found = new Map<number, JobTask>();
  for (const index of unseen.filter((task) => names.has(jobFiles.ended(task))).slice(0, maxMarkerReads)) {
    const marker = await readJson(backend, posix.join(record.jobDir, jobFiles.ended(index)));
    if (typeof marker?.exitCode !== 'number') continue;
    const started = await readJson(backend, posix.join(record.jobDir, jobFiles.started(index)));
    found.set(index, {
      index,
      state: marker.exitCode === 0 ? 'COMPLETED' : 'FAILED',
      reason: 'Settled from the job folder: the scheduler no longer knows the task.',
      exit: { code: marker.exitCode, signal: 0 },
      startedAt: typeof started?.startedAt === 'string' ? started.startedAt : null,
      endedAt: typeof marker.endedAt === 'string' ? marker.endedAt : null,
    });
  }
  return found;
}

async function readJson(backend: Backend, path: string): Promise<Record<string, unknown> | null> {
  const bytes = await backend.files.readFile(path).catch(() => null);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
