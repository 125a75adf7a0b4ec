import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason, isTerminal } from '../../shared/jobs/jobState';
import { elapsedSeconds } from './formatDuration';
import { jobStateFamily, type JobStateFamily } from './jobStateFamily';
import { newestFirst } from './mergeJobs';
import { isForeignId } from '../queue/foreignJobs';

/** "Active" is what still needs watching: waiting or running. */
export type StateFilter = 'all' | 'active' | JobStateFamily;
export const stateFilters: readonly StateFilter[] = ['all', 'active', 'pending', 'running', 'completed', 'failed', 'cancelled'];

/** Who submitted it: this app, or anything else (a terminal sbatch, another tool). */
export type OriginFilter = 'all' | 'app' | 'other';
export const originFilters: readonly OriginFilter[] = ['all', 'app', 'other'];

export type JobFilters = { cluster: string | null; state: StateFilter; text: string; origin: OriginFilter };
export const noFilters: JobFilters = { cluster: null, state: 'all', text: '', origin: 'all' };

export const sortColumns = ['id', 'name', 'cluster', 'state', 'reason', 'elapsed', 'nodes', 'submitted'] as const;
export type SortColumn = (typeof sortColumns)[number];
export type JobSort = { column: SortColumn; direction: 'ascending' | 'descending' };
export const defaultSort: JobSort = { column: 'submitted', direction: 'descending' };

export function matchesOrigin(job: JobSummary, filter: OriginFilter): boolean {
  return filter === 'all' || (filter === 'other') === isForeignId(job.id);
}

export function matchesState(job: JobSummary, filter: StateFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'active') return !isTerminal(job.state);
  return jobStateFamily(job.state) === filter;
}

/** Free text matches the app's id, the Slurm id, the name and the reason (raw or in words). */
export function matchesText(job: JobSummary, needle: string): boolean {
  if (needle === '') return true;
  if (job.id.includes(needle) || (job.slurmId !== null && job.slurmId.includes(needle))) return true;
  if (job.name.toLowerCase().includes(needle)) return true;
  if (job.reason === null) return false;
  return job.reason.toLowerCase().includes(needle) || (describeReason(job.reason)?.toLowerCase().includes(needle) ?? false);
}

/** The test the filters make of a job; null when they let every job through. */
export function jobFilter(filters: JobFilters): ((job: JobSummary) => boolean) | null {
  const needle = filters.text.trim().toLowerCase();
  if (filters.cluster === null && filters.state === 'all' && filters.origin === 'all' && needle === '') return null;
  return (job) =>
    (filters.cluster === null || job.cluster === filters.cluster) && matchesOrigin(job, filters.origin) && matchesState(job, filters.state) && matchesText(job, needle);
}

export function filterJobs(jobs: readonly JobSummary[], filters: JobFilters): readonly JobSummary[] {
  const passes = jobFilter(filters);
  return passes ? jobs.filter(passes) : jobs;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const familyOrder: Record<JobStateFamily, number> = { running: 0, pending: 1, failed: 2, cancelled: 3, completed: 4 };

type SortKey = string | number | null;
const sortKeys: Record<Exclude<SortColumn, 'submitted'>, (job: JobSummary, now: number) => SortKey> = {
  id: (job) => slurmIdOrder(job.slurmId),
  name: (job) => job.name,
  cluster: (job) => job.cluster,
  // By family first, so a sorted list groups running, waiting and failed jobs.
  state: (job) => familyOrder[jobStateFamily(job.state)] * 100 + job.state.charCodeAt(0),
  reason: (job) => describeReason(job.reason),
  elapsed: (job, now) => elapsedSeconds(job, now),
  nodes: (job) => job.nodes ?? 1,
};

/**
 * A Slurm id as a number that orders array tasks under their array: `123_4` → 123.0000004.
 * Grouped pending tasks (`123_[5-9]`) sort with the array; anything else unreadable goes last.
 */
export function slurmIdOrder(slurmId: string | null): number | null {
  const match = slurmId === null ? null : /^(\d+)(?:_(\d+))?/.exec(slurmId);
  if (!match) return null;
  return Number(match[1]) + (match[2] === undefined ? 0 : (Number(match[2]) + 1) / 1e8);
}

/** Two values of a column in the order asked; a job without one goes last either way; 0 for a tie. */
function compareKeys(a: SortKey, b: SortKey, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
}

/**
 * The jobs in the order asked. The store already keeps newest first, so sorting by submission is
 * free; any other column computes each key once, and ties keep the newest-first order.
 */
export function sortJobs(jobs: readonly JobSummary[], sort: JobSort, now: number): readonly JobSummary[] {
  if (sort.column === 'submitted') return sort.direction === 'descending' ? jobs : jobs.toReversed();
  const key = sortKeys[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = jobs.map((job, index) => ({ job, index, key: key(job, now) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, sign) || a.index - b.index);
  return keyed.map((entry) => entry.job);
}

/**
 * The order of sortJobs as a comparison of two jobs (ties newest first, as in the list it sorts),
 * so a few changed jobs can be put in place by binary search instead of sorting them all again.
 */
export function jobOrder(sort: JobSort, now: number): (a: JobSummary, b: JobSummary) => number {
  if (sort.column === 'submitted') return sort.direction === 'descending' ? newestFirst : (a, b) => newestFirst(b, a);
  const key = sortKeys[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return (a, b) => compareKeys(key(a, now), key(b, now), sign) || newestFirst(a, b);
}
