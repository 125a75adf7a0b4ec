import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { Backend } from '../backends/types';
import { grepTaskLogs } from './grepTaskLogs';
import { resultsTable } from './resultsTable';

export type ResultsDeps = { jobs: { get(id: string): JobRecord }; backend: (cluster: string) => Backend };

/** results.table and results.grep: many tasks' results and logs, each in one command on the cluster. */
export function createResultsHandlers(deps: ResultsDeps): Pick<Handlers, 'results.table' | 'results.grep'> {
  return {
    'results.table': ({ ids }, context) => resultsTable([...new Set(ids)].map((id) => deps.jobs.get(id)), deps.backend, context.signal),
    'results.grep': ({ id, text, stream, perTask }, context) => {
      const record = deps.jobs.get(id);
      if (!record.spec.array) throw new AppError('not-an-array', `Job ${record.id} (${record.name}) is not an array; search its output in the log view.`);
      return grepTaskLogs(deps.backend(record.cluster).runner, record.jobDir, { text, stream, perTask }, context.signal);
    },
  };
}
