import type { JobState } from '../../shared/jobs/jobState';

export type JobStateFamily = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

/** Five colours are enough to scan a list; the badge always carries the exact state in words. */
export function jobStateFamily(state: JobState): JobStateFamily {
  switch (state) {
    case 'SUBMITTING':
    case 'PENDING':
    case 'CONFIGURING':
    case 'REQUEUED':
    case 'REQUEUE_FED':
    case 'REQUEUE_HOLD':
    case 'RESV_DEL_HOLD':
    case 'SUSPENDED':
    case 'STOPPED':
      return 'pending';
    case 'RUNNING':
    case 'COMPLETING':
    case 'RESIZING':
    case 'SIGNALING':
    case 'STAGE_OUT':
      return 'running';
    case 'COMPLETED':
      return 'completed';
    case 'CANCELLED':
    case 'PREEMPTED':
    case 'REVOKED':
      return 'cancelled';
    case 'SUBMIT_FAILED':
    case 'LOST':
    case 'FAILED':
    case 'TIMEOUT':
    case 'OUT_OF_MEMORY':
    case 'BOOT_FAIL':
    case 'DEADLINE':
    case 'NODE_FAIL':
    case 'SPECIAL_EXIT':
      return 'failed';
    default:
      return assertNever(state);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown job state: ${String(value)}`);
}
