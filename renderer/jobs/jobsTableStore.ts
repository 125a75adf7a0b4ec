import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { defaultSort, noFilters, type JobFilters, type JobSort, type SortColumn } from './jobsQuery';
import type { TaskList } from './tableRows';

type JobsTableState = {
  filters: JobFilters;
  sort: JobSort;
  /** Jobs ticked for a bulk action (the rows' aria-selected). */
  checked: ReadonlySet<string>;
  /** Array jobs shown with their tasks, and the tasks as last read. */
  expanded: ReadonlySet<string>;
  tasks: ReadonlyMap<string, TaskList>;
  setFilters: (change: Partial<JobFilters>) => void;
  sortBy: (column: SortColumn) => void;
  setChecked: (ids: Iterable<string>) => void;
  toggleChecked: (id: string) => void;
  toggleExpanded: (client: ContractClient, id: string) => void;
  loadTasks: (client: ContractClient, id: string) => Promise<void>;
  /** Reads again the tasks of open arrays among these changed jobs: task rows follow their array. */
  jobsChanged: (client: ContractClient, ids: readonly string[]) => void;
};

/** What the person did to the table: filters, order, ticks and open arrays (the jobs are in useJobsStore). */
export const useJobsTableStore = create<JobsTableState>()((set, get) => ({
  filters: noFilters,
  sort: defaultSort,
  checked: new Set(),
  expanded: new Set(),
  tasks: new Map(),

  setFilters(change) {
    set((state) => ({ filters: { ...state.filters, ...change } }));
  },

  sortBy(column) {
    set(({ sort }) => {
      if (sort.column !== column) return { sort: { column, direction: column === 'submitted' || column === 'elapsed' ? 'descending' : 'ascending' } };
      return { sort: { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' } };
    });
  },

  setChecked(ids) {
    set({ checked: new Set(ids) });
  },

  toggleChecked(id) {
    set(({ checked }) => {
      const next = new Set(checked);
      if (!next.delete(id)) next.add(id);
      return { checked: next };
    });
  },

  toggleExpanded(client, id) {
    const expanded = new Set(get().expanded);
    if (expanded.delete(id)) {
      set({ expanded });
      return;
    }
    expanded.add(id);
    set({ expanded });
    void get().loadTasks(client, id);
  },

  jobsChanged(client, ids) {
    const { expanded, tasks } = get();
    for (const id of ids) {
      if (expanded.has(id)) void get().loadTasks(client, id);
      // A closed array's tasks are read again when it is opened; shown meanwhile, they would be stale.
      else if (tasks.has(id)) set(({ tasks: current }) => ({ tasks: new Map([...current].filter(([key]) => key !== id)) }));
    }
  },

  async loadTasks(client, id) {
    const put = (list: TaskList) => set(({ tasks }) => ({ tasks: new Map(tasks).set(id, list) }));
    if (!get().tasks.has(id)) put({ status: 'loading' });
    try {
      put({ status: 'ready', tasks: (await client.call('jobs.tasks', { id })).tasks });
    } catch (error) {
      reportIfDisconnected(error);
      put({ status: 'failed', message: error instanceof Error ? error.message : 'The tasks could not be read.' });
    }
  },
}));
