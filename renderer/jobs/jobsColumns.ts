import type { SortColumn } from './jobsQuery';

export type JobsColumn = { id: SortColumn | 'check'; label: string; width: string };

/** The table's columns, in order; the widths make one CSS grid template shared by header and rows. */
export const jobsColumns: readonly JobsColumn[] = [
  { id: 'check', label: 'Selected', width: '36px' },
  { id: 'name', label: 'Name', width: 'minmax(140px, 2fr)' },
  { id: 'id', label: 'Job id', width: '148px' },
  { id: 'cluster', label: 'Cluster', width: 'minmax(84px, 1fr)' },
  { id: 'state', label: 'State', width: '176px' },
  { id: 'reason', label: 'Reason', width: 'minmax(140px, 2fr)' },
  { id: 'elapsed', label: 'Elapsed / limit', width: '132px' },
  { id: 'nodes', label: 'Nodes', width: '60px' },
  { id: 'submitted', label: 'Submitted', width: '104px' },
];

export const gridTemplateColumns = jobsColumns.map((column) => column.width).join(' ');

/** Fixed heights keep scrolling through 100,000 rows free of measuring. */
export const rowHeight = 44;
export const headerHeight = 36;
