import { z } from 'zod';
import { slurmReasonWords } from './slurmReasons';

/**
 * Every state Slurm reports, plus three of the app's own: SUBMITTING (journaled, sbatch not yet
 * answered), SUBMIT_FAILED (the scheduler refused it; nothing runs) and LOST (the scheduler and the
 * job folder have no trace of it; the reason says why).
 */
export const slurmStates = [
  'PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD',
  'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED', 'RESV_DEL_HOLD', 'SPECIAL_EXIT',
  'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE', 'NODE_FAIL', 'REVOKED',
] as const;
export const appStates = ['SUBMITTING', 'SUBMIT_FAILED', 'LOST'] as const;

export const JobStateSchema = z.enum([...appStates, ...slurmStates]);
export type JobState = z.infer<typeof JobStateSchema>;

const terminal = new Set<JobState>([
  'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE', 'NODE_FAIL',
  'REVOKED', 'SPECIAL_EXIT', 'SUBMIT_FAILED', 'LOST',
]);

/** A job in a terminal state will not change again (PREEMPTED without requeue is final in Slurm). */
export function isTerminal(state: JobState): boolean {
  return terminal.has(state);
}

export function isSuccess(state: JobState): boolean {
  return state === 'COMPLETED';
}

/** Slurm prints `CANCELLED by 1000`; unknown words are refused rather than guessed. */
export function parseSlurmState(text: string): JobState | null {
  const word = text.trim().split(/\s+/)[0]?.replace(/\+$/, '') ?? '';
  const parsed = JobStateSchema.safeParse(word);
  return parsed.success && !(appStates as readonly string[]).includes(word) ? parsed.data : null;
}

/** A reason in words a researcher understands; null when Slurm gave none. */
export function describeReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim().replace(/^\((.*)\)$/, '$1');
  if (!trimmed || trimmed === 'None' || trimmed === 'null') return null;
  // `ReqNodeNotAvail, UnavailableNodes:n[01-02]`: the first word is the reason, the rest its detail.
  const [word = '', detail] = trimmed.split(/,\s*(.*)/s);
  if (!Object.hasOwn(slurmReasonWords, word)) return trimmed;
  return detail ? `${slurmReasonWords[word]} (${detail})` : slurmReasonWords[word]!;
}
