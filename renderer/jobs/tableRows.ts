import type { JobTask } from '../../shared/contract/jobsMethods';
import type { JobSummary } from '../../shared/jobs/jobRecord';

/** An open array's tasks: being read, read, or why they could not be. */
export type TaskList = { status: 'loading' } | { status: 'ready'; tasks: JobTask[] } | { status: 'failed'; message: string };

/** One line of the table: a job, one task of an open array, or a note where its tasks are coming. */
export type TableRow =
  | { kind: 'job'; key: string; job: JobSummary }
  | { kind: 'task'; key: string; job: JobSummary; task: JobTask }
  | { kind: 'note'; key: string; job: JobSummary; text: string };

/** The rows in display order: each open array is followed by its tasks. */
export function tableRows(jobs: readonly JobSummary[], expanded: ReadonlySet<string>, tasks: ReadonlyMap<string, TaskList>): TableRow[] {
  const rows: TableRow[] = new Array<TableRow>(jobs.length);
  for (let index = 0; index < jobs.length; index += 1) {
    const job = jobs[index]!;
    rows[index] = { kind: 'job', key: job.id, job };
  }
  if (expanded.size === 0) return rows;
  return rows.flatMap((row) => {
    if (!expanded.has(row.job.id) || row.job.tasks === null) return [row];
    const list = tasks.get(row.job.id);
    if (list === undefined || list.status === 'loading') return [row, { kind: 'note', key: `${row.key}:note`, job: row.job, text: 'Reading its tasks…' }];
    if (list.status === 'failed') return [row, { kind: 'note', key: `${row.key}:note`, job: row.job, text: list.message }];
    return [row, ...list.tasks.map((task): TableRow => ({ kind: 'task', key: `${row.key}:${task.index}`, job: row.job, task }))];
  });
}
