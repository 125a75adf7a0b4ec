import { isTerminal, type JobState } from '../../../../shared/jobs/jobState';
import type { ExitStatus, FinalEntry, QueueEntry } from '../types';
import type { Job, SchedulerState, Task } from './embeddedState';
import { exitStatusOf, findTaskWrapper, isSameProcess, readExitFile } from './taskProcess';
import { nodeName } from './slurmEnvironment';

export const lostReason = 'The process ended while Slurm Desk was not running and left no exit status';
const noStatusReason = 'The process ended without recording an exit status';
export const lostWhileStartingReason = 'Slurm Desk stopped while starting this task, so whether it ran is unknown';

export type Outcome = { state: JobState; exit: ExitStatus | null; reason: string | null };

/**
 * The jobs this scheduler knows, in submission (= id) order, and the only code that moves a task
 * between states, so each job's running and unfinished counts stay true.
 */
export class JobTable {
  readonly jobs = new Map<number, Job>();
  nextJobId: number;

  constructor(state: SchedulerState) {
    this.nextJobId = state.nextJobId;
    for (const job of state.jobs) this.jobs.set(job.jobId, job);
  }

  /**
   * `123` is a whole job or array, or one task by its own job id; `123_4` is task 4 of array 123.
   * Null when unknown.
   */
  resolve(slurmId: string): { job: Job; tasks: Task[] } | null {
    const [head, index] = slurmId.split('_');
    const id = Number(head);
    if (index !== undefined) {
      const job = this.jobs.get(id);
      const task = job?.array === null ? undefined : job?.tasks[findIndex(job.tasks, Number(index))];
      return job !== undefined && task !== undefined ? { job, tasks: [task] } : null;
    }
    const job = this.jobs.get(id);
    if (job !== undefined) return { job, tasks: job.tasks };
    for (const candidate of this.jobs.values()) {
      if (candidate.jobId > id) break;
      const task = candidate.tasks[id - candidate.jobId];
      if (task !== undefined && task.ownId === id) return { job: candidate, tasks: [task] };
    }
    return null;
  }

  /** The tasks the ids name, each once, in the order asked; unknown ids and unsubmitted jobs name none. */
  tasksOf(slurmIds: readonly string[]): { job: Job; task: Task }[] {
    const seen = new Set<Task>();
    const out: { job: Job; task: Task }[] = [];
    for (const id of slurmIds) {
      const found = this.resolve(id);
      if (found === null || !found.job.committed) continue;
      for (const task of found.tasks) {
        if (seen.has(task)) continue;
        seen.add(task);
        out.push({ job: found.job, task });
      }
    }
    return out;
  }

  /** The tasks a dependency names (empty when the job was forgotten). */
  targets(slurmId: string): Task[] {
    return this.resolve(slurmId)?.tasks ?? [];
  }

  /** CPUs held by running tasks (and ones being started). */
  usedCpus(): number {
    let used = 0;
    for (const job of this.jobs.values()) used += job.running * job.cpusPerTask * job.ntasks;
    return used;
  }

  *runningTasks(): Generator<{ job: Job; task: Task }> {
    for (const job of this.jobs.values()) {
      if (job.running === 0) continue;
      for (const task of job.tasks) if (task.state === 'RUNNING') yield { job, task };
    }
  }
}

/** Binary search: array tasks are in index order. */
function findIndex(tasks: readonly Task[], index: number): number {
  let low = 0;
  let high = tasks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = tasks[middle]!.index ?? -1;
    if (value === index) return middle;
    if (value < index) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * After a restart: a task whose process still runs (same pid, same start time) stays RUNNING and
 * is adopted; the others end as their exit file says, or as LOST. Returns the tasks it ended.
 */
export function recoverRunning(table: JobTable, exitFileOf: (task: Task) => string): Task[] {
  const ended: Task[] = [];
  for (const { job, task } of [...table.runningTasks()]) {
    const status = readExitFile(exitFileOf(task));
    if (status === null && task.pid !== null && isSameProcess(task.pid, task.procStart)) continue;
    // Started, but killed before its pid was saved: adopt the wrapper if it still runs.
    const wrapper = status === null && task.pid === null ? findTaskWrapper(exitFileOf(task)) : null;
    if (wrapper) {
      Object.assign(task, wrapper);
      continue;
    }
    endTask(job, task, outcomeOf(task, status, null, true), Date.now());
    ended.push(task);
  }
  return ended;
}

export function startTask(job: Job, task: Task, now: number): void {
  task.state = 'RUNNING';
  task.reason = null;
  task.startedAt = now;
  task.deadline = job.timeLimitSeconds === null ? null : now + job.timeLimitSeconds * 1000;
  job.running += 1;
}

/** Back to PENDING: the state write that had to precede the start failed. */
export function unstartTask(job: Job, task: Task): void {
  Object.assign(task, { state: 'PENDING', startedAt: null, deadline: null, pid: null, procStart: null });
  job.running -= 1;
  job.cursor = 0;
}

export function endTask(job: Job, task: Task, outcome: Outcome, now: number): void {
  if (isTerminal(task.state)) return;
  if (task.state === 'RUNNING') job.running -= 1;
  job.unfinished -= 1;
  Object.assign(task, { ...outcome, endedAt: now, killAt: null });
}

/**
 * How a running task ended. `status` is what the wrapper recorded; `signal` the wrapper's own
 * death when this app saw it; a cancel or timeout decided before the end wins, as in Slurm.
 */
export function outcomeOf(task: Task, status: number | null, wrapperSignal: number | null, adopted: boolean): Outcome {
  if (status !== null) {
    const exit = exitStatusOf(status);
    if (task.intent === 'cancel') return { state: 'CANCELLED', exit, reason: null };
    if (task.intent === 'timeout') return { state: 'TIMEOUT', exit, reason: 'TimeLimit' };
    if (status === 0) return { state: 'COMPLETED', exit, reason: null };
    return { state: 'FAILED', exit, reason: exit.signal !== 0 ? `RaisedSignal:${exit.signal}` : 'NonZeroExitCode' };
  }
  // No status: the wrapper itself was killed (our SIGKILL after the grace, or someone else's).
  const killed: ExitStatus | null =
    wrapperSignal !== null ? { code: 0, signal: wrapperSignal } : task.intent !== null && task.killAt === null ? { code: 0, signal: 9 } : null;
  if (task.intent === 'cancel') return { state: 'CANCELLED', exit: killed, reason: null };
  if (task.intent === 'timeout') return { state: 'TIMEOUT', exit: killed, reason: 'TimeLimit' };
  if (killed !== null) return { state: 'FAILED', exit: killed, reason: `RaisedSignal:${killed.signal}` };
  return { state: 'LOST', exit: null, reason: task.pid === null ? lostWhileStartingReason : adopted ? lostReason : noStatusReason };
}

export function slurmIdOf(job: Job, task: Task): string {
  return task.index === null ? String(job.jobId) : `${job.jobId}_${task.index}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function queueEntryOf(job: Job, task: Task, now: number): QueueEntry {
  const running = task.state === 'RUNNING';
  return {
    slurmId: slurmIdOf(job, task),
    jobId: String(job.jobId),
    arrayTaskId: task.index,
    state: task.state,
    reason: running ? null : job.pendingReason,
    elapsedSeconds: running && task.startedAt !== null ? Math.max(0, Math.floor((now - task.startedAt) / 1000)) : 0,
    timeLimitSeconds: job.timeLimitSeconds,
    nodes: running ? nodeName() : null,
  };
}

export function finalEntryOf(job: Job, task: Task): FinalEntry {
  return {
    slurmId: slurmIdOf(job, task),
    jobId: String(job.jobId),
    arrayTaskId: task.index,
    state: task.state,
    exit: task.exit,
    reason: task.reason,
    startedAt: iso(task.startedAt),
    endedAt: iso(task.endedAt),
  };
}
