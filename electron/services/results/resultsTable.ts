import type { ResultRow, ResultsTable } from '../../../shared/contract/resultsMethods';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { Backend } from '../backends/types';
import { readResult } from '../jobs/jobOutputs';
import { listTasks } from '../jobs/jobTasks';
import { readTaskResults } from './readTaskResults';
import { elapsedOf, inputsOf, rowContent, rowContentOf, tableOf } from './resultRows';

/**
 * The results table of some jobs: an array gives a row per task, read with one command on its
 * cluster (plus the two scheduler commands that list its tasks); an ordinary job gives one row
 * from its own result file. Several jobs side by side compare runs.
 */
export async function resultsTable(records: readonly JobRecord[], backend: (cluster: string) => Backend, signal?: AbortSignal): Promise<ResultsTable> {
  const rows: ResultRow[] = [];
  let truncated = false;
  for (const record of records) {
    const own = backend(record.cluster);
    if (record.spec.array) {
      const [tasks, read] = await Promise.all([listTasks(record, own), readTaskResults(own.runner, record.jobDir, signal)]);
      truncated ||= read.truncated;
      for (const task of tasks) {
        rows.push({ ...identity(record), task: task.index, state: task.state, elapsedSeconds: elapsedOf(task), ...rowContent(read.files.get(task.index) ?? []), inputs: inputsOf(record, task.index) });
      }
    } else {
      const content = record.spec.task.kind === 'python' ? rowContentOf(await readResult(own.files, record, null)) : rowContentOf({ kind: 'none', message: '' });
      rows.push({ ...identity(record), task: null, state: record.state, elapsedSeconds: elapsedOf(record), ...content, inputs: inputsOf(record, null) });
    }
  }
  return tableOf(rows, truncated);
}

function identity(record: JobRecord) {
  return { job: record.id, jobName: record.name };
}
