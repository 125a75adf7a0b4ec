import { isTerminal } from '../../../shared/jobs/jobState';
import type { FinalEntry } from '../backends/types';
import { expandTaskRange, outputError, readExitCode, readReason, readState, readTimestamp } from './slurmFields';

/**
 * One `scontrol show job -o` line as Key=Value pairs. Values may be empty (`Power=`) or contain
 * spaces (`Comment=has space  StdErr=…`), so a pair ends where the next ` Key=` begins rather than
 * at the next space. Keys look like `JobId`, `AllocNode:Sid`, `CPUs/Task`, `MCS_label`.
 */
export function scontrolPairs(line: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const keyPattern = /(?:^|\s)([A-Za-z][A-Za-z0-9_:/]*)=/g;
  const keys = [...line.matchAll(keyPattern)];
  keys.forEach((match, index) => {
    const valueStart = match.index + match[0].length;
    const valueEnd = keys[index + 1]?.index ?? line.length;
    // First occurrence wins: a value with " Key=" inside cannot overwrite a real field before it.
    if (!pairs.has(match[1]!)) pairs.set(match[1]!, line.slice(valueStart, valueEnd).trim());
  });
  return pairs;
}

/**
 * Parses `scontrol show job -o` (every job the controller still holds, one per line; finished jobs
 * stay MinJobAge seconds). An array task has its own JobId plus ArrayJobId/ArrayTaskId; the
 * array's own record carries the tasks that never started as a range (`ArrayTaskId=5-9%2`).
 * A pending task cancelled before it started vanishes from this view entirely (measured on 22.05).
 */
export function parseScontrol(output: string): FinalEntry[] {
  if (output.trim() === 'No jobs in the system') return [];
  const bySlurmId = new Map<string, FinalEntry>();
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const pairs = scontrolPairs(line);
    const field = (key: string) => pairs.get(key) ?? '';
    const ownId = field('JobId');
    if (!/^\d+$/.test(ownId)) throw outputError('scontrol', line, `unreadable JobId "${ownId}"`);
    if (pairs.has('HetJobId')) continue; // the app never submits heterogeneous jobs
    const state = readState(field('JobState'), 'scontrol', line);
    const final = isTerminal(state);
    const common = {
      state,
      exit: final ? readExitCode(field('ExitCode')) : null,
      reason: readReason(field('Reason')),
      startedAt: state === 'PENDING' ? null : readTimestamp(field('StartTime')),
      // A running job's EndTime is when its time limit would end it, not an end.
      endedAt: final ? readTimestamp(field('EndTime')) : null,
    };
    // Ids are read only from before JobName: a job name (anyone's, on a shared cluster) may itself
    // contain " ArrayJobId=…" and must not pass for one of our array tasks.
    const nameAt = line.indexOf(' JobName=');
    const idPairs = scontrolPairs(nameAt < 0 ? line : line.slice(0, nameAt));
    const arrayJobId = idPairs.get('ArrayJobId');
    const taskField = idPairs.get('ArrayTaskId');
    if (arrayJobId === undefined || taskField === undefined) {
      bySlurmId.set(ownId, { ...common, slurmId: ownId, jobId: ownId, arrayTaskId: null });
      continue;
    }
    if (!/^\d+$/.test(arrayJobId)) throw outputError('scontrol', line, `unreadable ArrayJobId "${arrayJobId}"`);
    const tasks = /^\d+$/.test(taskField) ? [Number(taskField)] : expandTaskRange(taskField, 'scontrol', line);
    for (const task of tasks) {
      const slurmId = `${arrayJobId}_${task}`;
      bySlurmId.set(slurmId, { ...common, slurmId, jobId: arrayJobId, arrayTaskId: task });
    }
  }
  return [...bySlurmId.values()];
}
