import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

/** Jobs a new one may depend on: the tracked jobs, newest first, read when the form is shown. */
export function useJobChoices(client: ContractClient): JobSummary[] {
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  useEffect(() => {
    let current = true;
    client.call('jobs.list', { limit: 500 }).then(
      (page) => {
        if (current) setJobs(page.jobs);
      },
      (error: unknown) => reportIfDisconnected(error),
    );
    return () => {
      current = false;
    };
  }, [client]);
  return jobs;
}
