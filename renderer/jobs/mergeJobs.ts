import type { JobSummary } from '../../shared/jobs/jobRecord';

/** The list's order: newest submission first, the id breaking ties (as jobs.list orders them). */
export function newestFirst(a: JobSummary, b: JobSummary): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Where a job is, or would go, in a list in `newestFirst` order: a binary search on its submission time and id. */
function placeOf(jobs: readonly JobSummary[], job: JobSummary): number {
  let low = 0;
  let high = jobs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(jobs[middle]!, job) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Applies a batch of changed or new jobs to a list kept newest first. A job's submission time
 * never changes, so a changed job is found by binary search and replaced in place: the usual
 * batch of state changes costs one array copy, no sort and no index to rebuild. New jobs are
 * sorted among themselves and merged in one pass.
 */
export function mergeJobs(jobs: readonly JobSummary[], changed: readonly JobSummary[]): readonly JobSummary[] {
  if (changed.length === 0) return jobs;
  const next = jobs.slice();
  const added = new Map<string, JobSummary>();
  for (const job of changed) {
    const at = placeOf(next, job);
    if (next[at]?.id === job.id) next[at] = job;
    else added.set(job.id, job);
  }
  if (added.size === 0) return next;
  return mergeNewestFirst(next, [...added.values()].sort(newestFirst));
}

/** Two lists kept newest first as one list in the same order, in one pass (the app's jobs and the queue's others, too). */
export function mergeNewestFirst(a: readonly JobSummary[], b: readonly JobSummary[]): readonly JobSummary[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged = new Array<JobSummary>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k += 1) {
    merged[k] = j >= b.length || (i < a.length && newestFirst(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!;
  }
  return merged;
}
