import { isTerminal, type JobState } from './jobState';

/** Slurm's reasons that say why a job ended; any other Slurm reason says why it waited. */
const endReasons = new Set(['NonZeroExitCode', 'TimeLimit', 'OutOfMemory', 'RaisedSignal', 'InactiveLimit', 'Deadline', 'JobLaunchFailure', 'SystemFailure']);

export const cancelledAtRequest = 'Cancelled at your request.';

/**
 * The reason to keep once a job has ended. Slurm (scontrol, sacct) keeps the last reason a job
 * waited for after it is gone, so a job cancelled while it waited on a dependency that would never
 * be satisfied went on saying "dependency never satisfied". A cancel the person asked for says so;
 * a reason for waiting is dropped from an ended job, except the one Slurm cancels a job for
 * (DependencyNeverSatisfied with kill_invalid_depend, which nobody asked for). The app's own
 * sentences (settled from markers, lost) are kept as they are.
 */
export function settledReason(state: JobState, reason: string | null, cancelRequested: boolean): string | null {
  if (!isTerminal(state)) return reason;
  if (state === 'CANCELLED' && cancelRequested) return cancelledAtRequest;
  if (reason === null || endReasons.has(reason) || !/^[A-Za-z_]+$/.test(reason)) return reason;
  return state === 'CANCELLED' && reason === 'DependencyNeverSatisfied' ? reason : null;
}
