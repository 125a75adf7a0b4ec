import type { JobTask } from '../../../shared/contract/jobsMethods';
import type { ResultRow, ResultsTable } from '../../../shared/contract/resultsMethods';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { flattenNamed, flattenResult, type CellValue } from '../../../shared/results/flattenResult';
import type { JobResult } from '../jobs/jobOutputs';
import { maxTaskResultBytes, type TaskFile } from './readTaskResults';

/** What a task's files say, as the row's kind, cells and note. */
export function rowContent(files: readonly TaskFile[]): Pick<ResultRow, 'kind' | 'cells' | 'note'> {
  const result = files.find((file) => file.kind === 'result');
  if (result) {
    if (result.cut) return { kind: 'too-large', cells: {}, note: `result file over ${maxTaskResultBytes / 1024} KiB: open it in Files` };
    try {
      return { kind: 'json', cells: flattenResult(JSON.parse(result.text)), note: null };
    } catch {
      return { kind: 'unreadable', cells: {}, note: 'the result file is not valid JSON' };
    }
  }
  const repr = files.find((file) => file.kind === 'repr');
  if (repr) return { kind: 'repr', cells: { value: repr.text.slice(0, 1000) }, note: 'not JSON: shown as its repr' };
  const error = files.find((file) => file.kind === 'error');
  if (error) return { kind: 'error', cells: {}, note: describeError(error.text) };
  return { kind: 'none', cells: {}, note: null };
}

/** A job's own result, as `readResult` gives it, in the same shape as a task's. */
export function rowContentOf(result: JobResult): Pick<ResultRow, 'kind' | 'cells' | 'note'> {
  switch (result.kind) {
    case 'json':
      return { kind: 'json', cells: flattenResult(result.value), note: null };
    case 'repr':
      return { kind: 'repr', cells: { value: result.text.slice(0, 1000) }, note: 'not JSON: shown as its repr' };
    case 'error':
      return { kind: 'error', cells: {}, note: `${result.type}: ${result.message}`.slice(0, 500) };
    case 'too-large':
      return { kind: 'too-large', cells: {}, note: `${result.file} is ${result.size} bytes: open it in Files` };
    case 'none':
      return { kind: 'none', cells: {}, note: null };
  }
}

function describeError(text: string): string {
  try {
    const parsed = JSON.parse(text) as { type?: unknown; message?: unknown };
    return `${String(parsed.type ?? 'Error')}: ${String(parsed.message ?? '')}`.slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}

/** The array item of task `index`, or the job's arguments, as input columns. */
export function inputsOf(record: JobRecord, task: number | null): Record<string, CellValue> {
  const array = record.spec.array;
  if (task !== null && array && 'items' in array) return flattenNamed(array.items[task] ?? null, 'item');
  if (record.spec.task.kind !== 'python') return {};
  const { args, kwargs } = record.spec.task;
  return { ...(args.length > 0 ? flattenNamed(args, 'args') : {}), ...(Object.keys(kwargs).length > 0 ? flattenNamed(kwargs, 'kwargs') : {}) };
}

export function elapsedOf(task: Pick<JobTask, 'startedAt' | 'endedAt'>, now = Date.now()): number | null {
  if (!task.startedAt) return null;
  const end = task.endedAt ? Date.parse(task.endedAt) : now;
  const seconds = (end - Date.parse(task.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds) : null;
}

/** Rows with the union of their columns, in the order first seen. */
export function tableOf(rows: ResultRow[], truncated: boolean): ResultsTable {
  const columns = new Set<string>();
  const inputColumns = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row.cells)) columns.add(name);
    for (const name of Object.keys(row.inputs)) inputColumns.add(name);
  }
  return { rows, columns: [...columns], inputColumns: [...inputColumns], truncated };
}
