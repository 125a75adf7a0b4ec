import type { SortColumn } from './jobsQuery';

export type JobsColumn = { id: SortColumn | 'check'; label: string; width: string };

/** The table's columns, in order; the widths make one CSS grid template shared by header and rows. */
export const jobsColumns: readonly JobsColumn[] = [
  { id: 'check', label: 'Selected', width: '36px' },
  { id: 'name', label: 'Name', width: 'minmax(142px, 2fr)' },
  { id: 'id', label: 'Job id', width: '142px' },
  { id: 'cluster', label: 'Cluster', width: 'minmax(92px, 0.6fr)' },
  { id: 'state', label: 'State', width: '150px' },
  { id: 'reason', label: 'Reason', width: 'minmax(150px, 2fr)' },
  { id: 'elapsed', label: 'Elapsed / limit', width: '112px' },
  { id: 'nodes', label: 'Nodes', width: '52px' },
  { id: 'submitted', label: 'Submitted', width: '96px' },
];

export const gridTemplateColumns = jobsColumns.map((column) => column.width).join(' ');

/** The narrowest the columns go (their minimums); below it the table scrolls sideways. */
export const gridMinWidth = 972;

/** Fixed heights keep scrolling through 100,000 rows free of measuring. */
export const rowHeight = 44;
export const headerHeight = 36;
