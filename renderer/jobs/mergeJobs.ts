import type { JobSummary } from '../../shared/jobs/jobRecord';

/** Every job this window knows, newest first, with each job's place for updates in O(1). */
export type JobList = { readonly jobs: readonly JobSummary[]; readonly positions: ReadonlyMap<string, number> };

export const emptyJobList: JobList = { jobs: [], positions: new Map() };

/** The list's order: newest submission first, the id breaking ties (as jobs.list orders them). */
export function newestFirst(a: JobSummary, b: JobSummary): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Applies a batch of changed or new jobs. A job keeps its place when it changes (its submission
 * time never does), so the usual batch of state changes costs one array copy and no sort; new
 * jobs are sorted among themselves and merged in one pass.
 */
export function mergeJobs(list: JobList, changed: readonly JobSummary[]): JobList {
  if (changed.length === 0) return list;
  const jobs = list.jobs.slice();
  const added = new Map<string, JobSummary>();
  for (const job of changed) {
    const at = list.positions.get(job.id);
    if (at === undefined) added.set(job.id, job);
    else jobs[at] = job;
  }
  if (added.size === 0) return { jobs, positions: list.positions };
  const fresh = [...added.values()].sort(newestFirst);
  const merged: JobSummary[] = new Array<JobSummary>(jobs.length + fresh.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k += 1) {
    merged[k] = j >= fresh.length || (i < jobs.length && newestFirst(jobs[i]!, fresh[j]!) <= 0) ? jobs[i++]! : fresh[j++]!;
  }
  const positions = new Map<string, number>();
  for (let k = 0; k < merged.length; k += 1) positions.set(merged[k]!.id, k);
  return { jobs: merged, positions };
}
