import type { JobSummary } from '../../../../shared/jobs/jobRecord';
import type { JobState } from '../../../../shared/jobs/jobState';

/** A job summary with plausible defaults; tests override what they look at. */
export function summary(index: number, overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: `sd-${index.toString(16).padStart(16, '0')}`,
    name: `job-${index}`,
    cluster: 'hpc',
    slurmId: String(1000 + index),
    state: 'COMPLETED' as JobState,
    reason: null,
    exit: null,
    jobDir: `/home/r/slurm_jobs/job-${index}`,
    submittedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    startedAt: null,
    endedAt: null,
    tasks: null,
    cancelRequestedAt: null,
    timeLimit: null,
    nodes: null,
    ...overrides,
  };
}
