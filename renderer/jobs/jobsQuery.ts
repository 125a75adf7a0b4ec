import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason, isTerminal } from '../../shared/jobs/jobState';
import { elapsedSeconds } from './formatDuration';
import { jobStateFamily, type JobStateFamily } from './jobStateFamily';

/** "Active" is what still needs watching: waiting or running. */
export type StateFilter = 'all' | 'active' | JobStateFamily;
export const stateFilters: readonly StateFilter[] = ['all', 'active', 'pending', 'running', 'completed', 'failed', 'cancelled'];

export type JobFilters = { cluster: string | null; state: StateFilter; text: string };
export const noFilters: JobFilters = { cluster: null, state: 'all', text: '' };

export const sortColumns = ['id', 'name', 'cluster', 'state', 'reason', 'elapsed', 'nodes', 'submitted'] as const;
export type SortColumn = (typeof sortColumns)[number];
export type JobSort = { column: SortColumn; direction: 'ascending' | 'descending' };
export const defaultSort: JobSort = { column: 'submitted', direction: 'descending' };

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

export function filterJobs(jobs: readonly JobSummary[], filters: JobFilters): readonly JobSummary[] {
  const needle = filters.text.trim().toLowerCase();
  if (filters.cluster === null && filters.state === 'all' && needle === '') return jobs;
  return jobs.filter(
    (job) => (filters.cluster === null || job.cluster === filters.cluster) && matchesState(job, filters.state) && matchesText(job, needle),
  );
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const familyOrder: Record<JobStateFamily, number> = { running: 0, pending: 1, failed: 2, cancelled: 3, completed: 4 };

type SortKey = string | number | null;
const sortKeys: Record<Exclude<SortColumn, 'submitted'>, (job: JobSummary, now: number) => SortKey> = {
  id: (job) => (job.slurmId === null ? null : Number(job.slurmId)),
  name: (job) => job.name,
  cluster: (job) => job.cluster,
  // By family first, so a sorted list groups running, waiting and failed jobs.
  state: (job) => familyOrder[jobStateFamily(job.state)] * 100 + job.state.charCodeAt(0),
  reason: (job) => describeReason(job.reason),
  elapsed: (job, now) => elapsedSeconds(job, now),
  nodes: (job) => job.nodes ?? 1,
};

/**
 * The jobs in the order asked. The store already keeps newest first, so sorting by submission is
 * free; any other column computes each key once, and a job without a value goes last either way.
 */
export function sortJobs(jobs: readonly JobSummary[], sort: JobSort, now: number): readonly JobSummary[] {
  if (sort.column === 'submitted') return sort.direction === 'descending' ? jobs : jobs.toReversed();
  const key = sortKeys[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = jobs.map((job, index) => ({ job, index, key: key(job, now) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return order === 0 ? a.index - b.index : sign * order;
  });
  return keyed.map((entry) => entry.job);
}

