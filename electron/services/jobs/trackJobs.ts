import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { isTerminal, type JobState } from '../../../shared/jobs/jobState';
import type { ExitStatus } from '../../../shared/jobs/jobRecord';
import { settledReason } from '../../../shared/jobs/settledReason';
import type { FinalEntry, QueueEntry } from '../backends/types';
import type { JobPatch } from './journal';

/** What the scheduler said in one refresh, grouped by job id (array tasks under their array). */
export type Observations = {
  queued: Map<string, QueueEntry[]>;
  settled: Map<string, FinalEntry[]>;
};

export function groupByJob<T extends { jobId: string }>(entries: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const entry of entries) {
    const list = grouped.get(entry.jobId);
    if (list) list.push(entry);
    else grouped.set(entry.jobId, [entry]);
  }
  return grouped;
}

/** Array tasks in the spec: items, or the indices of the range. */
export function taskCount(record: JobRecord, countRange: (range: string) => number): number | null {
  const array = record.spec.array;
  if (!array) return null;
  return 'items' in array ? array.items.length : countRange(array.range);
}

/**
 * The new state of one tracked job from what the queue and the accounting said; null when the
 * scheduler said nothing about it (the caller then looks at the job folder's markers).
 */
export function observe(record: JobRecord, observations: Observations, total: number | null): JobPatch | null {
  const id = record.slurmId!;
  const queued = observations.queued.get(id) ?? [];
  const settled = observations.settled.get(id) ?? [];
  let patch: JobPatch | null;
  if (total === null) patch = observeSingle(queued[0], settled[0]);
  else patch = queued.length === 0 && settled.length === 0 ? null : observeArray(record, queued, settled, total);
  if (patch?.state !== undefined && 'reason' in patch) patch.reason = settledReason(patch.state, patch.reason ?? null, record.cancelRequestedAt !== null);
  return patch;
}

function observeSingle(queued: QueueEntry | undefined, settled: FinalEntry | undefined): JobPatch | null {
  if (queued) return { state: queued.state, reason: queued.reason };
  if (settled) {
    return { state: settled.state, reason: settled.reason, exit: settled.exit, startedAt: settled.startedAt, endedAt: settled.endedAt };
  }
  return null;
}

function observeArray(record: JobRecord, queued: QueueEntry[], settled: FinalEntry[], total: number): JobPatch {
  // Per task, the queue (live) wins over accounting (which may lag behind).
  const states = new Map<number, JobState>();
  for (const entry of settled) if (entry.arrayTaskId !== null) states.set(entry.arrayTaskId, entry.state);
  for (const entry of queued) if (entry.arrayTaskId !== null) states.set(entry.arrayTaskId, entry.state);
  const counts: Partial<Record<JobState, number>> = {};
  for (const state of states.values()) counts[state] = (counts[state] ?? 0) + 1;
  // Tasks nobody mentions: still pending, or, after a cancel, cancelled before they started
  // (Slurm forgets those entirely).
  const unseen = total - states.size;
  if (unseen > 0) {
    const state: JobState = record.cancelRequestedAt ? 'CANCELLED' : 'PENDING';
    counts[state] = (counts[state] ?? 0) + unseen;
  }
  const state = arrayState(counts);
  const reason = queued.find((entry) => entry.state === 'PENDING')?.reason ?? null;
  const patch: JobPatch = { state, reason, tasks: { total, counts } };
  if (isTerminal(state)) {
    const ends = settled.map((entry) => entry.endedAt).filter((end): end is string => end !== null).sort();
    patch.endedAt = ends.at(-1) ?? null;
    patch.exit = arrayExit(settled);
  }
  const starts = settled.map((entry) => entry.startedAt).filter((start): start is string => start !== null).sort();
  if (starts[0]) patch.startedAt = starts[0];
  return patch;
}

/**
 * One exit status for a finished array: 0 when every task that ran exited 0, else the worst task's
 * (killed by a signal before a plain non-zero code, then the highest code; the first such task),
 * with that task's index. Null when no task has an exit status (none ran).
 */
export function arrayExit(settled: readonly FinalEntry[]): ExitStatus | null {
  let worst: { exit: NonNullable<FinalEntry['exit']>; task: number } | null = null;
  let any = false;
  for (const entry of settled) {
    if (entry.exit === null || entry.arrayTaskId === null) continue;
    any = true;
    if (entry.exit.code === 0 && entry.exit.signal === 0) continue;
    if (worst === null || exitSeverity(entry.exit) > exitSeverity(worst.exit) || (exitSeverity(entry.exit) === exitSeverity(worst.exit) && entry.arrayTaskId < worst.task)) {
      worst = { exit: entry.exit, task: entry.arrayTaskId };
    }
  }
  if (worst !== null) return { ...worst.exit, task: worst.task };
  return any ? { code: 0, signal: 0 } : null;
}

function exitSeverity(exit: { code: number; signal: number }): number {
  return (exit.signal !== 0 ? 1_000_000 + exit.signal * 1000 : 0) + exit.code;
}

const failureOrder: JobState[] = ['NODE_FAIL', 'BOOT_FAIL', 'OUT_OF_MEMORY', 'TIMEOUT', 'DEADLINE', 'PREEMPTED', 'FAILED', 'SPECIAL_EXIT', 'REVOKED', 'LOST'];

/** An array is running while any task runs, finished when all are; then its worst outcome. */
function arrayState(counts: Partial<Record<JobState, number>>): JobState {
  const present = (Object.keys(counts) as JobState[]).filter((state) => (counts[state] ?? 0) > 0);
  if (present.includes('RUNNING') || present.includes('COMPLETING')) return 'RUNNING';
  const live = present.filter((state) => !isTerminal(state));
  if (live.length > 0) return live.includes('PENDING') ? 'PENDING' : live[0]!;
  for (const state of failureOrder) if (present.includes(state)) return state;
  if (present.includes('CANCELLED')) return 'CANCELLED';
  return 'COMPLETED';
}

/** Only the fields that differ, so an unchanged job costs no journal write and no event. */
export function changedFields(record: JobRecord, patch: JobPatch): JobPatch | null {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (JSON.stringify(record[key as keyof JobRecord]) !== JSON.stringify(value)) changed[key] = value;
  }
  return Object.keys(changed).length > 0 ? (changed as JobPatch) : null;
}
