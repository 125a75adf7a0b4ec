import type { QueueEntry } from '../backends/types';
import { expandTaskRange, outputError, readDuration, readReason, readState, readTimeLimit } from './slurmFields';

/**
 * `%i` job or task id, `%F` array job id, `%K` task id (N/A outside arrays), `%T` state, `%r`
 * reason, `%M` elapsed, `%l` time limit, `%D` node count, `%R` nodes, or `(reason)` while pending.
 */
export const squeueFormat = '%i|%F|%K|%T|%r|%M|%l|%D|%R';
const fieldCount = 9;

/**
 * Parses `squeue -h -r -o squeueFormat`. With `-r` Slurm prints one line per pending array task;
 * a grouped row (`8_[2-5%2]`, from a call without -r) is expanded into one entry per task anyway,
 * so callers see the same shape either way.
 */
export function parseSqueue(output: string): QueueEntry[] {
  const entries: QueueEntry[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    if (fields.length !== fieldCount) throw outputError('squeue', line, `expected ${fieldCount} fields, found ${fields.length}`);
    const [id, arrayJobId, taskField, stateField, reasonField, elapsed, limit, , nodesField] = fields as [
      string, string, string, string, string, string, string, string, string,
    ];
    if (!/^\d+$/.test(arrayJobId)) throw outputError('squeue', line, `job id "${arrayJobId}" is not a number`);
    const common = {
      jobId: arrayJobId,
      state: readState(stateField, 'squeue', line),
      reason: readReason(reasonField),
      elapsedSeconds: readDuration(elapsed),
      timeLimitSeconds: readTimeLimit(limit),
      // While pending, %R holds "(Reason)" rather than node names.
      nodes: nodesField === '' || nodesField.startsWith('(') ? null : nodesField,
    };
    if (taskField === 'N/A') {
      entries.push({ ...common, slurmId: id, arrayTaskId: null });
    } else if (/^\d+$/.test(taskField)) {
      entries.push({ ...common, slurmId: `${arrayJobId}_${taskField}`, arrayTaskId: Number(taskField) });
    } else {
      for (const task of expandTaskRange(taskField, 'squeue', line)) {
        entries.push({ ...common, slurmId: `${arrayJobId}_${task}`, arrayTaskId: task });
      }
    }
  }
  return entries;
}

/** `%F|%k`: array job id (or the job's own) and comment; `(null)` when the job has none. */
export const squeueCommentFormat = '%F|%k';

/** The first job whose comment equals `comment` exactly, from `squeue -h -o squeueCommentFormat`. */
export function findInSqueueComments(output: string, comment: string): string | null {
  if (comment === '' || comment === '(null)') return null; // squeue's spelling of "no comment"
  for (const line of output.split('\n')) {
    const bar = line.indexOf('|');
    if (bar < 0) continue;
    const jobId = line.slice(0, bar);
    if (/^\d+$/.test(jobId) && line.slice(bar + 1) === comment) return jobId;
  }
  return null;
}
