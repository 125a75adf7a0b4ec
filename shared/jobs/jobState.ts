import { z } from 'zod';

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

/** Pending reasons in words a researcher understands; the raw reason is kept alongside. */
const reasonWords: Record<string, string> = {
  Resources: 'waiting for resources',
  Priority: 'waiting for higher-priority jobs',
  Dependency: 'waiting for the jobs it depends on',
  DependencyNeverSatisfied: 'dependency can never be satisfied',
  BeginTime: 'waiting for its start time',
  JobArrayTaskLimit: 'waiting: array limit of tasks running at once',
  PartitionTimeLimit: 'time limit exceeds the partition maximum',
  QOSMaxJobsPerUserLimit: 'waiting: too many of your jobs running (QOS limit)',
  AssocGrpCPULimit: 'waiting: account CPU limit reached',
  ReqNodeNotAvail: 'requested nodes are not available',
  PartitionDown: 'the partition is down',
  PartitionInactive: 'the partition is inactive',
  NodeDown: 'a required node is down',
  JobHeldUser: 'held by you',
  JobHeldAdmin: 'held by an administrator',
  NonZeroExitCode: 'exited with a non-zero code',
  TimeLimit: 'reached its time limit',
};

export function describeReason(reason: string | null | undefined): string | null {
  if (!reason || reason === 'None' || reason === '(null)') return null;
  return reasonWords[reason] ?? reason;
}
