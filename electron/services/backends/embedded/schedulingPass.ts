import { jobDependencyVerdict } from './dependencies';
import type { Job, Task } from './embeddedState';
import { endTask, startTask, type JobTable } from './jobTable';

export type PassResult = {
  /** Marked RUNNING, not spawned yet: the caller persists first, then spawns. */
  started: { job: Job; task: Task }[];
  /** Pending tasks cancelled because a dependency can never be satisfied. */
  cancelled: number;
};

/**
 * One scheduling pass, in submission order (FIFO). A job waiting on a dependency or on its array's
 * %max does not hold up later jobs; the first that does not fit in the free CPUs does (reason
 * Resources), and everything behind it waits its turn (Priority), so a large job is never starved
 * by a stream of small ones. Dependencies point only at earlier jobs, so one pass sees each
 * target's state from this same pass (an `after` job starts with its target).
 */
export function schedulingPass(table: JobTable, maxCpus: number, now: number): PassResult {
  const result: PassResult = { started: [], cancelled: 0 };
  let free = maxCpus - table.usedCpus();
  let blocked = false;
  for (const job of table.jobs.values()) {
    if (!job.committed || job.unfinished === 0) continue;
    while (job.cursor < job.tasks.length && job.tasks[job.cursor]!.state !== 'PENDING') job.cursor += 1;
    if (job.cursor === job.tasks.length) {
      job.pendingReason = null;
      continue;
    }
    const verdict = jobDependencyVerdict(job, (slurmId) => table.targets(slurmId));
    if (verdict === 'never') {
      result.cancelled += cancelPending(job, now);
      continue;
    }
    if (verdict === 'waiting') {
      job.pendingReason = 'Dependency';
      continue;
    }
    const need = job.cpusPerTask * job.ntasks;
    let reason: string | null = null;
    for (let position = job.cursor; position < job.tasks.length; position += 1) {
      const task = job.tasks[position]!;
      if (task.state !== 'PENDING') continue;
      if (job.maxParallel !== null && job.running >= job.maxParallel) reason = 'JobArrayTaskLimit';
      else if (blocked) reason = 'Priority';
      else if (need > free) {
        reason = 'Resources';
        blocked = true;
      }
      if (reason !== null) break;
      startTask(job, task, now);
      free -= need;
      result.started.push({ job, task });
    }
    job.pendingReason = reason;
  }
  return result;
}

/** Like Slurm with kill_invalid_depend: the job will never run, so it ends now. */
function cancelPending(job: Job, now: number): number {
  let count = 0;
  for (let position = job.cursor; position < job.tasks.length; position += 1) {
    const task = job.tasks[position]!;
    if (task.state !== 'PENDING') continue;
    endTask(job, task, { state: 'CANCELLED', exit: null, reason: 'DependencyNeverSatisfied' }, now);
    count += 1;
  }
  job.pendingReason = null;
  return count;
}
