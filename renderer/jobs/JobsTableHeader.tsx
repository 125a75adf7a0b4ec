import { memo } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { isSortable, jobsColumns } from './jobsColumns';
import type { JobSort } from './jobsQuery';

type Props = {
  sort: JobSort;
  onSort: (column: JobSort['column']) => void;
  /** How many of the shown jobs are ticked, of how many shown. */
  checkedCount: number;
  shownCount: number;
  onCheckAll: (checked: boolean) => void;
};

/**
 * Column headers: each sortable by a button (aria-sort says the order), and a tick box for every
 * shown job. Memoized: the table renders on every scrolled row, the header only when its props change.
 */
export const JobsTableHeader = memo(function JobsTableHeader({ sort, onSort, checkedCount, shownCount, onCheckAll }: Props) {
  return (
    <div role="row" className="jobs-header" aria-rowindex={1}>
      {jobsColumns.map((column) => {
        if (column.id === 'check') {
          return (
            <div key={column.id} role="columnheader" className="jobs-column jobs-cell-check">
              <Checkbox
                className="jobs-check-all"
                aria-label="Select every shown job"
                isSelected={shownCount > 0 && checkedCount === shownCount}
                isIndeterminate={checkedCount > 0 && checkedCount < shownCount}
                isDisabled={shownCount === 0}
                onChange={onCheckAll}
                data-testid="check-all-jobs"
              >
                <span className="jobs-check" aria-hidden="true" />
              </Checkbox>
            </div>
          );
        }
        const id = column.id;
        if (!isSortable(id)) {
          return (
            <div key={id} role="columnheader" className="jobs-column jobs-column-plain" data-testid={`column-${id}`}>
              <span title={column.title}>{column.label}</span>
            </div>
          );
        }
        const sorted = sort.column === id ? sort.direction : undefined;
        return (
          <div key={id} role="columnheader" className="jobs-column" aria-sort={sorted ?? 'none'} data-testid={`column-${id}`}>
            <Button className="jobs-sort" onPress={() => onSort(id)}>
              {column.label}
              <span className="jobs-sort-arrow" aria-hidden="true">
                {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
              </span>
            </Button>
          </div>
        );
      })}
    </div>
  );
});
