import { useDeferredValue, useMemo } from 'react';
import { filterJobs, sortJobs } from './jobsQuery';
import { useJobsStore } from './jobsStore';
import { useJobsTableStore } from './jobsTableStore';
import { tableRows } from './tableRows';
import { useNow } from './useNow';

/**
 * The jobs the filters let through, in the order asked, and the table's rows. Typing is deferred,
 * so filtering 100,000 jobs never holds up a keystroke; each step is recomputed only when its
 * inputs change (a batch of state changes re-filters, but sorts only when a column is chosen).
 */
export function useVisibleJobs() {
  const jobs = useJobsStore((state) => state.jobs);
  const filters = useJobsTableStore((state) => state.filters);
  const sort = useJobsTableStore((state) => state.sort);
  const expanded = useJobsTableStore((state) => state.expanded);
  const tasks = useJobsTableStore((state) => state.tasks);
  const text = useDeferredValue(filters.text);
  const { cluster, state } = filters;

  const filtered = useMemo(() => filterJobs(jobs, { cluster, state, text }), [jobs, cluster, state, text]);
  // Only the elapsed column changes with the clock; other orders are not recomputed as time passes.
  const minute = useNow(60_000);
  const now = sort.column === 'elapsed' ? minute : 0;
  const sorted = useMemo(() => sortJobs(filtered, sort, now), [filtered, sort, now]);
  const rows = useMemo(() => tableRows(sorted, expanded, tasks), [sorted, expanded, tasks]);
  const shownJobIds = useMemo(() => sorted.map((job) => job.id), [sorted]);
  const clusters = useMemo(() => [...new Set(jobs.map((job) => job.cluster))].sort(), [jobs]);
  return { all: jobs, shown: sorted, shownJobIds, rows, clusters };
}
