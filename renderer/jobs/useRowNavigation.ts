import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { TableRow, TableRows } from './tableRows';

export type RowActions = {
  /** Show the row's job in the detail pane, on the row's task when it is a task row. */
  open: (jobId: string, task?: number) => void;
  toggleChecked: (jobId: string) => void;
  setChecked: (jobIds: string[]) => void;
  /** Show or hide an array's tasks. */
  setExpanded: (jobId: string, expanded: boolean) => void;
  isExpanded: (jobId: string) => boolean;
  /** Bring a row into the scrolled window (so the active row is always in the DOM). */
  reveal: (index: number) => void;
  pageSize: () => number;
};

/**
 * The keyboard model of the grid, which keeps the focus itself and points at the active row with
 * aria-activedescendant (rows scroll out of the DOM; the grid never does): arrows, Page Up/Down,
 * Home/End move; Shift extends the ticks from the anchor; Space ticks; Ctrl+A ticks every row
 * shown; Escape clears; Enter opens; Right/Left open and close an array's tasks.
 */
export function useRowNavigation(rows: TableRows, actions: RowActions) {
  // The active row by key (it stays on its job as rows come and go), and where it was when chosen.
  const [active, setActive] = useState<{ key: string; index: number } | null>(null);
  const [anchorKey, setAnchorKey] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    const found = active === null ? -1 : rows.indexOfKey(active.key, active.index);
    return found === -1 ? 0 : found;
  }, [rows, active]);

  const jobIdsBetween = useCallback(
    (from: number, to: number) => {
      const [low, high] = from < to ? [from, to] : [to, from];
      const ids: string[] = [];
      for (let index = Math.max(0, low); index <= high; index += 1) {
        const row = rows.at(index);
        if (row?.kind === 'job') ids.push(row.job.id);
      }
      return ids;
    },
    [rows],
  );

  const indexOfKey = useCallback((key: string | null) => (key === null ? -1 : rows.indexOfKey(key)), [rows]);

  /** Makes a row active; with `extend`, ticks the jobs from the anchor to it. */
  const activate = useCallback(
    (index: number, options: { extend?: boolean } = {}) => {
      const target = Math.max(0, Math.min(rows.length - 1, index));
      const row = rows.at(target);
      if (!row) return;
      setActive({ key: row.key, index: target });
      actions.reveal(target);
      if (options.extend) {
        const anchor = indexOfKey(anchorKey);
        actions.setChecked(jobIdsBetween(anchor === -1 ? target : anchor, target));
      } else {
        setAnchorKey(row.key);
      }
    },
    [rows, actions, anchorKey, indexOfKey, jobIdsBetween],
  );

  /** A task row opens its array on that task; any other row opens its job. */
  const openRow = useCallback((row: TableRow) => (row.kind === 'task' ? actions.open(row.job.id, row.task.index) : actions.open(row.job.id)), [actions]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget || rows.length === 0) return;
      const row = rows.at(activeIndex);
      const extend = event.shiftKey;
      const step = (by: number) => activate(activeIndex + by, { extend });
      switch (event.key) {
        case 'ArrowDown':
          step(1);
          break;
        case 'ArrowUp':
          step(-1);
          break;
        case 'PageDown':
          step(actions.pageSize());
          break;
        case 'PageUp':
          step(-actions.pageSize());
          break;
        case 'Home':
          activate(0, { extend });
          break;
        case 'End':
          activate(rows.length - 1, { extend });
          break;
        case 'Enter':
          if (row) openRow(row);
          break;
        case ' ':
          if (row?.kind === 'job') {
            if (extend) activate(activeIndex, { extend: true });
            else actions.toggleChecked(row.job.id);
          }
          break;
        case 'ArrowRight':
          if (row?.kind === 'job' && row.job.tasks && !actions.isExpanded(row.job.id)) actions.setExpanded(row.job.id, true);
          else if (row?.kind === 'job' && row.job.tasks) step(1);
          break;
        case 'ArrowLeft':
          if (row?.kind === 'job' && actions.isExpanded(row.job.id)) actions.setExpanded(row.job.id, false);
          else if (row && row.kind !== 'job') activate(indexOfKey(row.job.id));
          break;
        case 'Escape':
          actions.setChecked([]);
          break;
        case 'a':
          if (!(event.ctrlKey || event.metaKey)) return;
          actions.setChecked(jobIdsBetween(0, rows.length - 1));
          break;
        default:
          return;
      }
      event.preventDefault();
    },
    [rows, activeIndex, activate, actions, indexOfKey, jobIdsBetween, openRow],
  );

  /** A pointer press on a row: Shift ticks a range, Ctrl/Cmd ticks one, a plain click opens it. */
  const onRowPress = useCallback(
    (index: number, modifiers: { shift: boolean; toggle: boolean }) => {
      const row = rows.at(index);
      if (!row) return;
      if (modifiers.shift) {
        activate(index, { extend: true });
        return;
      }
      activate(index);
      if (modifiers.toggle && row.kind === 'job') actions.toggleChecked(row.job.id);
      else if (!modifiers.toggle) openRow(row);
    },
    [rows, activate, actions, openRow],
  );

  return { activeIndex, activate, onKeyDown, onRowPress };
}
