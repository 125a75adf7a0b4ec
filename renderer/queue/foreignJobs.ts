import type { JobSummary } from '../../shared/jobs/jobRecord';
import type { QueueJob } from '../../shared/queue/queueJob';
import { formatDuration } from '../jobs/formatDuration';

/**
 * A job in the queue that this app did not submit (a terminal sbatch, another tool), shaped as a
 * row of the Jobs table so the one virtualized table, its filters and its order serve both kinds.
 * `queue` is what Slurm says of it; the app has no record, spec or folder of its own for it.
 */
export type ForeignJob = JobSummary & { readonly queue: QueueJob };

/** `q/hpc/1234_5`: never an app id (sd-…) and never a Slurm id alone, which two clusters may share. */
export function foreignJobId(cluster: string, slurmId: string): string {
  return `q/${cluster}/${slurmId}`;
}

export function isForeignId(id: string): boolean {
  return id.startsWith('q/');
}

/** What Slurm says of a row of the table, when the row is a job from outside the app. */
export function queueJobOf(job: JobSummary): QueueJob | null {
  return 'queue' in job ? (job as ForeignJob).queue : null;
}

/**
 * One instant written the way the app writes its own (`toISOString`): the table orders rows by
 * comparing these strings, and Slurm's `+01:00` beside the app's `Z` would sort wrongly.
 */
function instant(iso: string | null): string | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString();
}

const converted = new WeakMap<QueueJob, ForeignJob>();

/**
 * The table row for a queue row. Made once per queue row object: the queue store keeps the
 * objects of rows that did not change, so an unchanged job stays the very same row and the
 * table's incremental filtering and sorting skip it.
 */
export function foreignJob(queue: QueueJob): ForeignJob {
  const known = converted.get(queue);
  if (known) return known;
  const job: ForeignJob = {
    id: foreignJobId(queue.cluster, queue.slurmId),
    name: queue.name,
    cluster: queue.cluster,
    slurmId: queue.slurmId,
    state: queue.state,
    reason: queue.reason,
    exit: queue.exit,
    jobDir: queue.workDir ?? '',
    // A row needs a place in the newest-first order; a job without a submission time goes last.
    submittedAt: instant(queue.submittedAt) ?? instant(queue.startedAt) ?? '',
    startedAt: instant(queue.startedAt),
    endedAt: instant(queue.endedAt),
    tasks: null,
    cancelRequestedAt: null,
    timeLimit: queue.timeLimitSeconds === null ? 'UNLIMITED' : formatDuration(queue.timeLimitSeconds),
    nodes: queue.nodeCount,
    queue,
  };
  converted.set(queue, job);
  return job;
}

/** Under a foreign job's name: which task of an array it is (the id column may be hidden), and that the app did not submit it. */
export function foreignMark(job: Pick<QueueJob, 'arrayTaskId' | 'arrayTasks'>): string {
  if (job.arrayTaskId !== null) return `task ${job.arrayTaskId} · not from this app`;
  if (job.arrayTasks !== null) return `tasks ${job.arrayTasks} · not from this app`;
  return 'not from this app';
}
