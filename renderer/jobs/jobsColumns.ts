import type { SortColumn } from './jobsQuery';

/** Efficiency is known for finished jobs only (and only where accounting exists): shown, not sorted by. */
export type JobsColumnId = SortColumn | 'check' | 'cpu' | 'memory';
/**
 * `min` is the narrowest the column goes, in px: the sum of the columns shown decides what fits.
 * `title` explains a short label.
 */
export type JobsColumn = { id: JobsColumnId; label: string; width: string; min: number; title?: string };

/** The table's columns, in order; the widths make one CSS grid template shared by header and rows. */
export const jobsColumns: readonly JobsColumn[] = [
  { id: 'check', label: 'Selected', width: '36px', min: 36 },
  { id: 'name', label: 'Name', width: 'minmax(142px, 2fr)', min: 142 },
  { id: 'id', label: 'Job id', width: '142px', min: 142 },
  { id: 'cluster', label: 'Cluster', width: 'minmax(92px, 0.6fr)', min: 92 },
  { id: 'state', label: 'State', width: '150px', min: 150 },
  { id: 'reason', label: 'Reason', width: 'minmax(140px, 2fr)', min: 140 },
  { id: 'elapsed', label: 'Elapsed / limit', width: '112px', min: 112 },
  { id: 'cpu', label: 'CPU', width: '50px', min: 50, title: 'CPU efficiency of a finished job: CPU time used over elapsed time × CPUs allocated' },
  { id: 'memory', label: 'Memory', width: '92px', min: 92, title: 'Memory peak of a finished job (largest MaxRSS of its steps) over the memory asked for' },
  { id: 'nodes', label: 'Nodes', width: '52px', min: 52 },
  { id: 'submitted', label: 'Submitted', width: '96px', min: 96 },
];

/**
 * What goes first when the table is narrower than its columns (a job open beside it, a small
 * window): the least read first. Name, state and reason always stay; below them the table
 * scrolls sideways.
 */
export const columnsHiddenFirst: readonly JobsColumnId[] = ['nodes', 'memory', 'cpu', 'cluster', 'submitted', 'id', 'elapsed'];

/** The columns to hide so the rest fit in `width` px (nothing hidden before the width is known). */
export function hiddenColumnsFor(width: number | null): ReadonlySet<JobsColumnId> {
  const hidden = new Set<JobsColumnId>();
  if (width === null) return hidden;
  let needed = jobsColumns.reduce((sum, column) => sum + column.min, 0);
  for (const id of columnsHiddenFirst) {
    if (needed <= width) break;
    hidden.add(id);
    needed -= jobsColumns.find((column) => column.id === id)!.min;
  }
  return hidden;
}

/** The grid template and minimum width of the columns shown. */
export function columnLayout(hidden: ReadonlySet<JobsColumnId>): { template: string; minWidth: number } {
  const shown = jobsColumns.filter((column) => !hidden.has(column.id));
  return { template: shown.map((column) => column.width).join(' '), minWidth: shown.reduce((sum, column) => sum + column.min, 0) };
}

export function isSortable(id: JobsColumnId): id is SortColumn {
  return id !== 'check' && id !== 'cpu' && id !== 'memory';
}

/** Fixed heights keep scrolling through 100,000 rows free of measuring. */
export const rowHeight = 44;
export const headerHeight = 36;
