import type { JobDetail } from '../../../shared/queue/jobDetail';
import { allowedActions, type JobDetailFields } from './parseJobDetail';
import type { HistoryRow } from './parseSacctHistory';

/** A job Slurm's controller forgot, described from its accounting record (no command, no output paths). */
export function historyDetail(row: HistoryRow): JobDetailFields & { efficiency: JobDetail['efficiency'] } {
  const { arrayTasks: _tasks, source: _source, efficiency, ...rest } = row;
  return {
    ...rest,
    reasonAdvice: null,
    command: null,
    stdoutPath: null,
    stderrPath: null,
    stdinPath: null,
    requestedTres: null,
    allocatedTres: null,
    priority: null,
    nice: null,
    dependency: null,
    batchHost: null,
    source: 'history',
    allowedActions: allowedActions(row.state),
    efficiency,
  };
}
