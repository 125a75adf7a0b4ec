import { parseArrayRange } from '../../../shared/jobs/arrayRange';
import { type JobState, parseSlurmState } from '../../../shared/jobs/jobState';
import { parseSlurmTime } from '../../../shared/jobs/slurmValues';
import { type ExitStatus, SchedulerError } from '../backends/types';

/**
 * Field readers shared by the squeue, sacct and scontrol parsers. Each one maps Slurm's
 * "nothing here" spellings to null and refuses what it cannot read: a silently dropped row would
 * make the engine believe a job left the queue.
 */

/** Slurm's spellings of "nothing here" in a field. */
export const absentValues: ReadonlySet<string> = new Set(['', 'None', 'Unknown', 'N/A', '(null)', 'NONE', 'INVALID', 'NOT_SET']);

export function outputError(command: string, line: string, problem: string): SchedulerError {
  return new SchedulerError('scheduler-output', `Could not read ${command} output (${problem}): "${line.slice(0, 200)}"`);
}

/** `CANCELLED by 0` → CANCELLED; a word this app does not know is an error, not a guess. */
export function readState(text: string, command: string, line: string): JobState {
  const state = parseSlurmState(text);
  if (state === null) throw outputError(command, line, `unknown job state "${text}"`);
  return state;
}

export function readReason(text: string): string | null {
  const reason = text.trim();
  return absentValues.has(reason) ? null : reason;
}

/** `3:0` → code 3, signal 0 (`0:15`: killed by SIGTERM). */
export function readExitCode(text: string): ExitStatus | null {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  return match ? { code: Number(match[1]), signal: Number(match[2]) } : null;
}

/**
 * How the app asks Slurm to print times (SLURM_TIME_FORMAT, set by every command runner): its
 * standard form plus the cluster's UTC offset at that moment. By default Slurm prints local time
 * without a zone, which read on another computer (or across a DST change) is hours off.
 */
export const slurmTimeFormat = '%Y-%m-%dT%H:%M:%S%z';

const slurmTime = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:([+-])(\d{2}):?(\d{2})|Z)?$/;

/**
 * A Slurm timestamp as an instant, ISO 8601 in UTC (`…Z`), like every other time the app keeps.
 * `2026-11-26T07:11:02+0100` carries its offset; one printed without (a Slurm that ignored the
 * format) is read in this computer's zone, the best guess left. Unreadable: null, not a guess.
 */
export function readTimestamp(text: string): string | null {
  const value = text.trim();
  if (absentValues.has(value)) return null;
  const match = slurmTime.exec(value);
  if (!match) return null;
  const [, local, sign, hours, minutes] = match;
  const zone = sign === undefined ? (value.endsWith('Z') ? 'Z' : '') : `${sign}${hours}:${minutes}`;
  const instant = new Date(`${local}${zone}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** Elapsed time as squeue prints it: `0:01`, `1:02:03`, `1-00:00:00`. */
export function readDuration(text: string): number | null {
  const value = text.trim();
  if (absentValues.has(value)) return null;
  return parseSlurmTime(value) ?? null;
}

/**
 * A time limit in seconds, or null for no limit. Slurm 22.05 shows a job without a limit on an
 * INFINITE partition as UNLIMITED while it pends and as 365-00:00:00 once it runs (measured), so
 * exactly 365 days reads as "no limit" too: a real one-year limit is not worth telling apart.
 */
export function readTimeLimit(text: string): number | null {
  const value = text.trim();
  if (value === '365-00:00:00') return null;
  return readDuration(value);
}

/** Task ids of a grouped row (`2-5%2`, `1,3,5-9:2`); the `%max` throttle does not change which tasks. */
export function expandTaskRange(range: string, command: string, line: string): number[] {
  const parsed = parseArrayRange(range);
  if (typeof parsed === 'string') throw outputError(command, line, `unreadable array range "${range}"`);
  return parsed.indices;
}
