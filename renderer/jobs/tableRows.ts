import type { JobTask } from '../../shared/contract/jobsMethods';
import type { JobSummary } from '../../shared/jobs/jobRecord';

/** An open array's tasks: being read, read, or why they could not be. */
export type TaskList = { status: 'loading' } | { status: 'ready'; tasks: JobTask[] } | { status: 'failed'; message: string };

/** One line of the table: a job, one task of an open array, or a note where its tasks are coming. */
export type TableRow =
  | { kind: 'job'; key: string; job: JobSummary }
  | { kind: 'task'; key: string; job: JobSummary; task: JobTask }
  | { kind: 'note'; key: string; job: JobSummary; text: string };

/**
 * The table's lines, made when asked for: the table shows a few dozen of 100,000, so making an
 * object for every line on each batch of changes was wasted work.
 */
export type TableRows = {
  readonly length: number;
  at(index: number): TableRow | undefined;
  /** Where the line with this key is, or -1; `near` is where it was last, looked at first. */
  indexOfKey(key: string, near?: number): number;
};

/** An open array and the lines under it, placed in the table. */
type OpenArray = { jobIndex: number; row: number; lines: TableRow[] };

/** The rows in display order: each open array is followed by its tasks. */
export function tableRows(jobs: readonly JobSummary[], expanded: ReadonlySet<string>, tasks: ReadonlyMap<string, TaskList>): TableRows {
  const open = expanded.size === 0 ? [] : openArrays(jobs, expanded, tasks);
  const length = jobs.length + open.reduce((sum, array) => sum + array.lines.length, 0);
  const at = (index: number): TableRow | undefined => {
    if (index < 0 || index >= length) return undefined;
    // The last open array at or above this line; the jobs after it are shifted by the lines of those above.
    let low = 0;
    let high = open.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (open[middle]!.row <= index) low = middle + 1;
      else high = middle;
    }
    const above = open[low - 1];
    let jobIndex = index;
    if (above && index === above.row) jobIndex = above.jobIndex;
    else if (above && index <= above.row + above.lines.length) return above.lines[index - above.row - 1];
    else if (above) jobIndex = index - (above.row - above.jobIndex + above.lines.length);
    const job = jobs[jobIndex]!;
    return { kind: 'job', key: job.id, job };
  };
  const indexOfKey = (key: string, near?: number): number => {
    if (near !== undefined && at(near)?.key === key) return near;
    const jobId = key.split(':')[0]!;
    const jobIndex = jobs.findIndex((job) => job.id === jobId);
    if (jobIndex === -1) return -1;
    const before = open.filter((array) => array.jobIndex < jobIndex);
    const row = jobIndex + before.reduce((sum, array) => sum + array.lines.length, 0);
    if (key === jobId) return row;
    const array = open.find((candidate) => candidate.row === row);
    const line = array ? array.lines.findIndex((candidate) => candidate.key === key) : -1;
    return line === -1 ? -1 : row + 1 + line;
  };
  return { length, at, indexOfKey };
}

/** The open arrays among the jobs, in order, each with the row it is on and the lines it shows under it. */
function openArrays(jobs: readonly JobSummary[], expanded: ReadonlySet<string>, tasks: ReadonlyMap<string, TaskList>): OpenArray[] {
  const open: OpenArray[] = [];
  let added = 0;
  for (let index = 0; index < jobs.length; index += 1) {
    const job = jobs[index]!;
    if (!expanded.has(job.id) || job.tasks === null) continue;
    const lines = linesUnder(job, tasks.get(job.id));
    open.push({ jobIndex: index, row: index + added, lines });
    added += lines.length;
  }
  return open;
}

function linesUnder(job: JobSummary, list: TaskList | undefined): TableRow[] {
  if (list === undefined || list.status === 'loading') return [{ kind: 'note', key: `${job.id}:note`, job, text: 'Reading its tasks…' }];
  if (list.status === 'failed') return [{ kind: 'note', key: `${job.id}:note`, job, text: list.message }];
  return list.tasks.map((task) => ({ kind: 'task', key: `${job.id}:${task.index}`, job, task }));
}
