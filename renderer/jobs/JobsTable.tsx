import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { columnLayout, headerHeight, hiddenColumnsFor, jobsColumns, rowHeight } from './jobsColumns';
import { useJobsStore } from './jobsStore';
import { useQueueStore } from '../queue/queueStore';
import { useJobsTableStore } from './jobsTableStore';
import { JobsTableHeader } from './JobsTableHeader';
import { JobsTableRow } from './JobsTableRow';
import { JobTaskNoteRow, JobTaskRow } from './JobTaskRow';
import type { TableRows } from './tableRows';
import { useNow } from './useNow';
import { useRowNavigation, type RowActions } from './useRowNavigation';
import { useWidth } from './useWidth';

type Props = {
  client: ContractClient;
  rows: TableRows;
  /** The jobs shown, and how many of them are ticked. */
  shown: readonly JobSummary[];
  checkedShown: number;
  emptyText: string;
};

const domId = (key: string) => `jobs-row-${key}`;

/**
 * The jobs as a tree grid that renders only the rows in view (plus a few), so 100,000 jobs scroll
 * as smoothly as 100. The grid holds the focus and names the active row with
 * aria-activedescendant; every row carries aria-rowindex, and the grid aria-rowcount, so a screen
 * reader knows where it is in the whole list, not just in what is rendered.
 */
export function JobsTable({ client, rows, shown, checkedShown, emptyText }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [keyboard, setKeyboard] = useState(false);
  const now = useNow(15_000);
  const selectedId = useJobsStore((state) => state.selectedId);
  const slurmViews = useQueueStore((state) => state.byAppId);
  const width = useWidth(scrollRef);
  const hidden = useMemo(() => hiddenColumnsFor(width), [width]);
  const layout = useMemo(() => columnLayout(hidden), [hidden]);
  const { checked, expanded, sort, sortBy, setChecked, toggleChecked, toggleExpanded } = useJobsTableStore();

  // The app is not built with the React Compiler, and this component is meant to re-render on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    // Every row has the same height and none is measured, so the virtualizer's own keys (the
    // indexes) do: with keys from the rows it laid out all 100,000 again on every batch of changes.
    estimateSize: () => rowHeight,
    overscan: 6,
    // The sticky header sits above the first row inside the same scroller.
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });

  const actions = useMemo<RowActions>(
    () => ({
      open: (id, task) => useJobsStore.getState().select(id, task ?? null),
      toggleChecked,
      setChecked,
      setExpanded: (id, open) => {
        if (useJobsTableStore.getState().expanded.has(id) !== open) toggleExpanded(client, id);
      },
      isExpanded: (id) => useJobsTableStore.getState().expanded.has(id),
      reveal: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
      pageSize: () => Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? rowHeight * 10) - headerHeight) / rowHeight) - 1),
    }),
    [client, setChecked, toggleChecked, toggleExpanded, virtualizer],
  );
  const { activeIndex, onKeyDown, onRowPress } = useRowNavigation(rows, actions);

  const items = virtualizer.getVirtualItems();
  const activeKey = rows.at(activeIndex)?.key;
  const activeRendered = items.some((item) => item.index === activeIndex);
  // Read when the box is ticked, so the header (and its buttons) need not render on every batch.
  const shownRef = useRef(shown);
  useLayoutEffect(() => {
    shownRef.current = shown;
  });
  const onCheckAll = useCallback((all: boolean) => setChecked(all ? shownRef.current.map((job) => job.id) : []), [setChecked]);

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const rowElement = target.closest<HTMLElement>('[role="row"][aria-rowindex]');
    if (!rowElement || rowElement.parentElement?.getAttribute('role') !== 'rowgroup') return;
    const index = Number(rowElement.getAttribute('aria-rowindex')) - 2;
    const row = rows.at(index);
    if (!row) return;
    scrollRef.current?.focus({ preventScroll: true });
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'expand' && row.kind === 'job') {
      toggleExpanded(client, row.job.id);
      return;
    }
    onRowPress(index, { shift: event.shiftKey, toggle: action === 'check' || event.ctrlKey || event.metaKey });
  }

  return (
    <div
      ref={scrollRef}
      role="treegrid"
      className="jobs-grid"
      aria-label="Jobs"
      aria-rowcount={rows.length + 1}
      aria-colcount={jobsColumns.length}
      aria-multiselectable="true"
      aria-activedescendant={activeKey !== undefined && activeRendered ? domId(activeKey) : undefined}
      tabIndex={0}
      data-keyboard={keyboard || undefined}
      data-empty={rows.length === 0 || undefined}
      data-testid="jobs-table"
      onKeyDown={(event) => {
        setKeyboard(true);
        onKeyDown(event);
      }}
      onPointerDown={() => setKeyboard(false)}
      onClick={onClick}
      data-hidden-columns={[...hidden].join(' ') || undefined}
      style={{ '--jobs-columns': layout.template, '--jobs-min-width': `${layout.minWidth}px` } as CSSProperties}
    >
      <JobsTableHeader
        sort={sort}
        onSort={sortBy}
        checkedCount={checkedShown}
        shownCount={shown.length}
        onCheckAll={onCheckAll}
      />
      <div role="rowgroup" className="jobs-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows.at(item.index)!;
          const placement = { domId: domId(row.key), rowIndex: item.index + 2, start: item.start - headerHeight, active: item.index === activeIndex };
          if (row.kind === 'task') return <JobTaskRow key={row.key} {...placement} job={row.job} task={row.task} now={now} />;
          if (row.kind === 'note') return <JobTaskNoteRow key={row.key} {...placement} text={row.text} />;
          return (
            <JobsTableRow
              key={row.key}
              {...placement}
              job={row.job}
              checked={checked.has(row.job.id)}
              current={row.job.id === selectedId}
              expanded={row.job.tasks ? expanded.has(row.job.id) : null}
              now={now}
              slurmView={slurmViews.get(row.job.id) ?? null}
            />
          );
        })}
      </div>
      {rows.length === 0 && <p className="jobs-empty">{emptyText}</p>}
    </div>
  );
}
