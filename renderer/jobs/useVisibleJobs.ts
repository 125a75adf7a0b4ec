import { useDeferredValue, useMemo } from 'react';
import { useQueueStore } from '../queue/queueStore';
import { withClusters } from './jobsStore';
import { mergeNewestFirst } from './mergeJobs';
import { useJobsStore } from './jobsStore';
import { useJobsTableStore } from './jobsTableStore';
import { tableRows } from './tableRows';
import { useNow } from './useNow';
import { rememberingVisibleJobs } from './visibleJobs';

/**
 * One for the window, not one per mounted view: coming back to Jobs with a filter or an order set
 * finds the lists it left (updated for what changed meanwhile) instead of sorting 100,000 jobs again.
 */
const visibleJobs = rememberingVisibleJobs();

/**
 * The jobs the filters let through, in the order asked, and the table's rows. Typing is deferred,
 * so filtering 100,000 jobs never holds up a keystroke. A new filter or order computes the lists
 * anew; a batch of job changes only puts the changed jobs in place, and the rows are made only
 * for the lines on screen.
 */
export function useVisibleJobs() {
  const appJobs = useJobsStore((state) => state.jobs);
  const appClusters = useJobsStore((state) => state.clusters);
  const foreign = useQueueStore((state) => state.foreign);
  // The app's jobs and the queue's others in one newest-first list: one table, one order.
  const jobs = useMemo(() => mergeNewestFirst(appJobs, foreign), [appJobs, foreign]);
  const clusters = useMemo(() => withClusters(appClusters, foreign), [appClusters, foreign]);
  const filters = useJobsTableStore((state) => state.filters);
  const sort = useJobsTableStore((state) => state.sort);
  const expanded = useJobsTableStore((state) => state.expanded);
  const tasks = useJobsTableStore((state) => state.tasks);
  const text = useDeferredValue(filters.text);
  const { cluster, state, origin } = filters;
  // Only the elapsed column changes with the clock; other orders are not recomputed as time passes.
  const minute = useNow(60_000);
  const now = sort.column === 'elapsed' ? minute : 0;
  const { sorted } = useMemo(() => visibleJobs(jobs, { filters: { cluster, state, text, origin }, sort, now }), [jobs, cluster, state, text, origin, sort, now]);
  const rows = useMemo(() => tableRows(sorted, expanded, tasks), [sorted, expanded, tasks]);
  return { all: jobs, shown: sorted, rows, clusters };
}
