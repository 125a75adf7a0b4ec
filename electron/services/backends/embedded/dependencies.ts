import { isTerminal } from '../../../../shared/jobs/jobState';
import type { Job, Task } from './embeddedState';

export type DependencyVerdict = 'satisfied' | 'waiting' | 'never';
type DependencyType = Job['dependencies'][number]['type'];

/**
 * One dependency over the tasks it names (all of an array's, or one). As in Slurm: `after` waits
 * for every task to start (or end without starting), `afterany` for all to end, `afterok` for all
 * to complete (one failure and it never will), `afternotok` for all to end with at least one not
 * completed.
 */
export function dependencyVerdict(type: DependencyType, targets: readonly Task[]): DependencyVerdict {
  switch (type) {
    case 'after':
      return targets.every((task) => task.state !== 'PENDING') ? 'satisfied' : 'waiting';
    case 'afterany':
      return targets.every((task) => isTerminal(task.state)) ? 'satisfied' : 'waiting';
    case 'afterok':
      if (targets.some((task) => isTerminal(task.state) && task.state !== 'COMPLETED')) return 'never';
      return targets.every((task) => task.state === 'COMPLETED') ? 'satisfied' : 'waiting';
    case 'afternotok':
      if (!targets.every((task) => isTerminal(task.state))) return 'waiting';
      return targets.every((task) => task.state === 'COMPLETED') ? 'never' : 'satisfied';
    default:
      return assertNever(type);
  }
}

/** All of a job's dependencies must hold (Slurm's comma list); one that never will decides. */
export function jobDependencyVerdict(job: Job, targetsOf: (slurmId: string) => readonly Task[]): DependencyVerdict {
  let verdict: DependencyVerdict = 'satisfied';
  for (const dependency of job.dependencies) {
    const one = dependencyVerdict(dependency.type, targetsOf(dependency.slurmId));
    if (one === 'never') return 'never';
    if (one === 'waiting') verdict = 'waiting';
  }
  return verdict;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected dependency type ${String(value)}`);
}
