import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobTask } from '../../shared/contract/jobsMethods';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

/**
 * An array's tasks as the scheduler last reported them, read again whenever the job's task counts
 * change (that is when a task's state did); empty for a job that is no array.
 */
export function useTaskStates(client: ContractClient, job: JobSummary): ReadonlyMap<number, JobTask> {
  const [tasks, setTasks] = useState<ReadonlyMap<number, JobTask>>(new Map());
  const countsKey = job.tasks ? JSON.stringify(job.tasks.counts) : null;
  useEffect(() => {
    if (countsKey === null) return;
    let live = true;
    client.call('jobs.tasks', { id: job.id }).then(
      (answer) => live && setTasks(new Map(answer.tasks.map((task) => [task.index, task]))),
      (error: unknown) => reportIfDisconnected(error),
    );
    return () => {
      live = false;
    };
  }, [client, job.id, countsKey]);
  return tasks;
}
