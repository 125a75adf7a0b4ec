import { isTerminal } from '../../../shared/jobs/jobState';
import type { FinalEntry } from '../backends/types';
import { expandTaskRange, outputError, readExitCode, readReason, readState, readTimestamp } from './slurmFields';

/**
 * `JobID` is `123`, `123_4` for an array task (whatever its own raw id is) or `123_[5-9%2]` for
 * tasks that never started (pending, or cancelled while pending). Reason comes last because it is
 * free text.
 */
export const sacctFields = 'JobID,State,ExitCode,Start,End,Reason';
const fieldCount = 6;

/**
 * Parses `sacct -P -n -X -o sacctFields`. Step rows (`123.batch`, `123.extern`, `123.0`) are
 * skipped, so the same parser reads output taken without -X; heterogeneous job components
 * (`123+1`) are skipped too: the app never submits them.
 */
export function parseSacct(output: string): FinalEntry[] {
  const bySlurmId = new Map<string, FinalEntry>();
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    if (fields.length < fieldCount) throw outputError('sacct', line, `expected ${fieldCount} fields, found ${fields.length}`);
    const [jobIdField, stateField, exitField, startField, endField] = fields as [string, string, string, string, string];
    if (jobIdField.includes('.') || jobIdField.includes('+')) continue;
    const match = /^(\d+)(?:_(\d+)|_\[([^\]]+)\])?$/.exec(jobIdField);
    if (!match) throw outputError('sacct', line, `unreadable JobID "${jobIdField}"`);
    const jobId = match[1]!;
    const state = readState(stateField, 'sacct', line);
    const final = isTerminal(state);
    const common = {
      jobId,
      state,
      // Until a job ends its exit code is a placeholder 0:0 and its End is Unknown.
      exit: final ? readExitCode(exitField) : null,
      reason: readReason(fields.slice(fieldCount - 1).join('|')),
      startedAt: readTimestamp(startField),
      endedAt: final ? readTimestamp(endField) : null,
    };
    const tasks = match[2] !== undefined ? [Number(match[2])] : match[3] !== undefined ? expandTaskRange(match[3], 'sacct', line) : null;
    if (tasks === null) {
      bySlurmId.set(jobId, { ...common, slurmId: jobId, arrayTaskId: null });
    } else {
      for (const task of tasks) bySlurmId.set(`${jobId}_${task}`, { ...common, slurmId: `${jobId}_${task}`, arrayTaskId: task });
    }
  }
  return [...bySlurmId.values()];
}

export const sacctCommentFields = 'JobID,Comment';

/** The array or job id whose comment equals `comment` exactly, from `sacct -P -n -X -o sacctCommentFields`. */
export function findInSacctComments(output: string, comment: string): string | null {
  if (comment === '') return null; // every job without a comment would match
  for (const line of output.split('\n')) {
    const bar = line.indexOf('|');
    if (bar < 0) continue;
    const jobId = /^(\d+)(?:_|$)/.exec(line.slice(0, bar))?.[1];
    if (jobId !== undefined && line.slice(bar + 1) === comment) return jobId;
  }
  return null;
}
