import { AppError } from '../../../shared/errors';
import { parseSlurmTime } from '../../../shared/jobs/slurmValues';
import type { JobDetail } from '../../../shared/queue/jobDetail';
import type { QueueUpdate } from '../../../shared/queue/queueControl';

/**
 * Refuses, before anything reaches Slurm, the changes Slurm would refuse an ordinary user anyway,
 * with words that say what is allowed: a longer time limit, a new partition for a job that
 * already runs, any change to a job that ended.
 */
export function checkedUpdate(current: JobDetail, changes: QueueUpdate): void {
  if (current.allowedActions.length === 0) throw new AppError('invalid-update', `Job ${current.slurmId} has ended (${current.state}); there is nothing left to change.`);
  if (changes.timeLimit !== undefined) {
    const wanted = parseSlurmTime(changes.timeLimit);
    const limit = current.timeLimitSeconds;
    if (wanted === null && limit !== null) throw new AppError('invalid-update', `Only an administrator can remove job ${current.slurmId}'s time limit; you can lower it.`);
    if (wanted != null && limit !== null && wanted > limit) {
      throw new AppError('invalid-update', `Only an administrator can raise job ${current.slurmId}'s time limit (now ${Math.round(limit / 60)} min); you can lower it.`);
    }
  }
  if (changes.partition !== undefined && current.state !== 'PENDING') {
    throw new AppError('invalid-update', `Job ${current.slurmId} is ${current.state}: its partition can only change while it is pending.`);
  }
}
