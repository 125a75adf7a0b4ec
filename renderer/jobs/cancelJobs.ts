import type { JobSummary } from '../../shared/jobs/jobRecord';
import { isTerminal } from '../../shared/jobs/jobState';
import { queueJobOf } from '../queue/foreignJobs';

/** jobs.cancel takes at most this many ids per call. */
export const cancelBatchSize = 1000;

/** Only jobs still waiting or running can be cancelled; ended ones are skipped (and said to be). */
export function splitCancellable(jobs: readonly JobSummary[]): { cancellable: JobSummary[]; skipped: number } {
  const cancellable = jobs.filter((job) => !isTerminal(job.state));
  return { cancellable, skipped: jobs.length - cancellable.length };
}

/** Cancels in calls of at most `cancelBatchSize` ids, handing each call's answer on as it comes. */
export async function cancelInBatches(
  ids: readonly string[],
  cancel: (ids: string[]) => Promise<{ jobs: JobSummary[] }>,
  onCancelled: (jobs: JobSummary[]) => void,
): Promise<void> {
  for (let start = 0; start < ids.length; start += cancelBatchSize) {
    const { jobs } = await cancel(ids.slice(start, start + cancelBatchSize));
    onCancelled(jobs);
  }
}

/**
 * The ticked jobs by who cancels them: the app's own through jobs.cancel (it keeps their records),
 * the others through queue.control, by Slurm id, one list per cluster.
 */
export function splitByOrigin(jobs: readonly JobSummary[]): { appIds: string[]; foreignByCluster: Map<string, string[]> } {
  const appIds: string[] = [];
  const foreignByCluster = new Map<string, string[]>();
  for (const job of jobs) {
    const queue = queueJobOf(job);
    if (queue === null) appIds.push(job.id);
    else foreignByCluster.set(queue.cluster, [...(foreignByCluster.get(queue.cluster) ?? []), queue.slurmId]);
  }
  return { appIds, foreignByCluster };
}
