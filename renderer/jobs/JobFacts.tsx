import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason } from '../../shared/jobs/jobState';
import { formatTimestamp } from './formatRelativeTime';
import { JobStateBadge } from './JobStateBadge';

function exitText(exit: JobSummary['exit']): string {
  if (!exit) return '—';
  return exit.signal === 0 ? String(exit.code) : `${exit.code} (signal ${exit.signal})`;
}

/** State, reason, times and exit status, as a definition list. */
export function JobFacts({ job }: { job: JobSummary }) {
  const reason = describeReason(job.reason);
  return (
    <dl className="job-facts">
      <dt>State</dt>
      <dd>
        <JobStateBadge state={job.state} />
        {reason && <span className="job-facts-reason"> {reason}</span>}
      </dd>
      <dt>Submitted</dt>
      <dd>{formatTimestamp(job.submittedAt)}</dd>
      <dt>Started</dt>
      <dd>{formatTimestamp(job.startedAt)}</dd>
      <dt>Ended</dt>
      <dd>{formatTimestamp(job.endedAt)}</dd>
      <dt>Exit code</dt>
      <dd data-testid="job-exit">{exitText(job.exit)}</dd>
      <dt>Slurm id</dt>
      <dd className="mono">{job.slurmId ?? '—'}</dd>
      <dt>Folder</dt>
      <dd className="mono job-facts-path">{job.jobDir}</dd>
    </dl>
  );
}
