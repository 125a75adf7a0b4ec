import type { JobSummary } from '../../shared/jobs/jobRecord';
import { filterJobs, jobFilter, jobOrder, sortJobs, type JobFilters, type JobSort } from './jobsQuery';
import { newestFirst } from './mergeJobs';

export type JobsQuery = { filters: JobFilters; sort: JobSort; now: number };

/** The jobs the filters let through (newest first) and the same in the order asked, for one list of jobs and one query. */
export type VisibleJobs = { jobs: readonly JobSummary[]; query: JobsQuery; filtered: readonly JobSummary[]; sorted: readonly JobSummary[] };

/** What changed from one list of jobs (newest first) to the next: versions gone and versions new. */
type JobsChange = { removed: JobSummary[]; added: JobSummary[] };

/** Beyond this share of changed jobs, filtering and sorting all of them again is as quick. */
const incrementalShare = 0.1;

/**
 * The jobs shown for `jobs` and `query`. When only the jobs changed since `previous` (a batch of
 * jobs.changed), the filtered and sorted lists are updated from the previous ones: only the changed
 * jobs are tested and put in place by binary search, so 100 changes among 100,000 jobs cost two
 * array copies instead of a filter and a sort of everything (a sort by name took most of a second).
 */
export function visibleJobs(previous: VisibleJobs | null, jobs: readonly JobSummary[], query: JobsQuery): VisibleJobs {
  if (previous && sameQuery(previous.query, query)) {
    if (previous.jobs === jobs) return previous;
    const change = changeBetween(previous.jobs, jobs);
    if (change.added.length + change.removed.length <= incrementalShare * jobs.length) {
      const updated = updateVisible(previous, jobs, change);
      if (updated) return updated;
    }
  }
  const filtered = filterJobs(jobs, query.filters);
  return { jobs, query, filtered, sorted: sortJobs(filtered, query.sort, query.now) };
}

/** The previous lists with the changed jobs taken out and put back where they now belong; null if one was not where expected. */
function updateVisible(previous: VisibleJobs, jobs: readonly JobSummary[], change: JobsChange): VisibleJobs | null {
  const { query } = previous;
  const passes = jobFilter(query.filters);
  const removed = passes ? change.removed.filter(passes) : change.removed;
  const added = passes ? change.added.filter(passes) : change.added;
  const filtered = passes ? edited(previous.filtered, removed, added, newestFirst) : jobs;
  if (filtered === null) return null;
  const { column, direction } = query.sort;
  const sorted = column === 'submitted' && direction === 'descending' ? filtered : edited(previous.sorted, removed, added, jobOrder(query.sort, query.now));
  return sorted === null ? null : { jobs, query, filtered, sorted };
}

function sameQuery(a: JobsQuery, b: JobsQuery): boolean {
  const { filters: f, sort: s } = a;
  return f.cluster === b.filters.cluster && f.state === b.filters.state && f.text === b.filters.text && f.origin === b.filters.origin && s.column === b.sort.column && s.direction === b.sort.direction && a.now === b.now;
}

/**
 * Walks two lists kept newest first (as the jobs store keeps them) side by side. Most entries are
 * the very same object and cost one comparison; a job's place in that order never changes, so a
 * new version of a job sits where its old one was.
 */
function changeBetween(before: readonly JobSummary[], after: readonly JobSummary[]): JobsChange {
  const removed: JobSummary[] = [];
  const added: JobSummary[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    while (i < before.length && before[i] === after[j]) {
      i += 1;
      j += 1;
    }
    if (i === before.length && j === after.length) break;
    const old = before[i];
    const next = after[j];
    const order = old === undefined ? 1 : next === undefined ? -1 : newestFirst(old, next);
    if (order <= 0) {
      removed.push(old!);
      i += 1;
    }
    if (order >= 0) {
      added.push(next!);
      j += 1;
    }
  }
  return { removed, added };
}

/** The first place in `list` (ordered by `order`) where `job` may go. */
function placeOf(list: readonly JobSummary[], job: JobSummary, order: (a: JobSummary, b: JobSummary) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle]!, job) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `list` (ordered by `order`) without the `removed` entries and with the `added` ones, each found
 * or placed by binary search, in one copy. Null if a removed entry is not where it should be.
 */
export function edited(list: readonly JobSummary[], removed: readonly JobSummary[], added: readonly JobSummary[], order: (a: JobSummary, b: JobSummary) => number): readonly JobSummary[] | null {
  if (removed.length === 0 && added.length === 0) return list;
  const gone: number[] = [];
  for (const job of removed) {
    const at = placeOf(list, job, order);
    if (list[at] !== job) return null;
    gone.push(at);
  }
  gone.sort((a, b) => a - b);
  const inserts = added.map((job) => ({ job, at: placeOf(list, job, order) })).sort((a, b) => a.at - b.at || order(a.job, b.job));
  const result = new Array<JobSummary>(list.length - gone.length + inserts.length);
  let written = 0;
  let read = 0;
  let g = 0;
  let n = 0;
  // Copies the runs between the places where an entry goes or comes.
  while (g < gone.length || n < inserts.length) {
    const until = Math.min(g < gone.length ? gone[g]! : list.length, n < inserts.length ? inserts[n]!.at : list.length);
    while (read < until) result[written++] = list[read++]!;
    while (n < inserts.length && inserts[n]!.at === read) result[written++] = inserts[n++]!.job;
    if (g < gone.length && gone[g] === read) {
      read += 1;
      g += 1;
    }
  }
  while (read < list.length) result[written++] = list[read++]!;
  return result;
}

/**
 * visibleJobs that remembers its last answers, to update them on the next call. Two of them: while
 * a filter is typed, React renders with the text before (at once) and after (deferred), and one
 * memory would make each of those renders filter everything again.
 */
export function rememberingVisibleJobs(): (jobs: readonly JobSummary[], query: JobsQuery) => VisibleJobs {
  let recent: VisibleJobs[] = [];
  return (jobs, query) => {
    const previous = recent.find((candidate) => sameQuery(candidate.query, query)) ?? null;
    const answer = visibleJobs(previous, jobs, query);
    recent = [answer, ...recent.filter((candidate) => candidate !== previous)].slice(0, 2);
    return answer;
  };
}
