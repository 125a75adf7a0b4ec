import type { JobSummary } from '../../shared/jobs/jobRecord';
import { isSuccess } from '../../shared/jobs/jobState';

/** The notification's words: what ended and how, where, and the scheduler's id to look it up. */
export function describeJobEnd(job: JobSummary): { title: string; body: string } {
  const how = job.state.toLowerCase().replace(/_/g, ' ');
  const title = isSuccess(job.state) ? `${job.name} completed` : `${job.name} ended: ${how}`;
  const where = job.slurmId ? `${job.cluster}, Slurm job ${job.slurmId}` : job.cluster;
  const exit = job.exit && job.exit.code !== 0 ? `, exit code ${job.exit.code}` : '';
  return { title, body: `${where}${exit}` };
}
