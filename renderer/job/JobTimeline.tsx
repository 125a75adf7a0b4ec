import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason } from '../../shared/jobs/jobState';
import { formatRelativeTime, formatTimestamp } from '../jobs/formatRelativeTime';
import { useNow } from '../jobs/useNow';
import { exitText } from './exitText';

function durationText(fromIso: string, toIso: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

type Step = { label: string; at: string | null; note?: string | undefined };

/** Submitted → started → ended, each with its exact and relative time; then reason and exit (the state is in the pane's header). */
export function JobTimeline({ job }: { job: JobSummary }) {
  const now = useNow(15_000);
  const reason = describeReason(job.reason);
  const steps: Step[] = [
    { label: 'Submitted', at: job.submittedAt },
    { label: 'Started', at: job.startedAt, note: job.startedAt ? `waited ${durationText(job.submittedAt, job.startedAt)}` : undefined },
    { label: 'Ended', at: job.endedAt, note: job.endedAt && job.startedAt ? `ran ${durationText(job.startedAt, job.endedAt)}` : undefined },
  ];
  return (
    <section className="job-section" aria-labelledby="job-timeline-title" data-testid="job-timeline">
      <h3 id="job-timeline-title" className="job-section-title">
        Timeline
      </h3>
      <ol className="timeline">
        {steps.map((step) => (
          <li key={step.label} className="timeline-step" data-reached={step.at ? 'true' : 'false'}>
            <span className="timeline-dot" aria-hidden="true" />
            <span className="timeline-label">{step.label}</span>
            {step.at ? (
              <span className="timeline-time">
                <time dateTime={step.at}>{formatTimestamp(step.at)}</time>
                <span className="timeline-relative"> · {formatRelativeTime(step.at, now)}</span>
                {step.note && <span className="timeline-relative"> · {step.note}</span>}
              </span>
            ) : (
              <span className="timeline-time timeline-pending">not yet</span>
            )}
          </li>
        ))}
      </ol>
      <dl className="job-facts">
        <dt>Reason</dt>
        <dd data-testid="job-reason">{reason ?? '—'}</dd>
        <dt>Exit code</dt>
        <dd data-testid="job-exit">{exitText(job.exit, job.tasks !== null)}</dd>
        <dt>Slurm id</dt>
        <dd className="mono">{job.slurmId ?? '—'}</dd>
        <dt>Cluster</dt>
        <dd>{job.cluster}</dd>
        <dt>Folder</dt>
        <dd className="mono job-facts-path">{job.jobDir}</dd>
      </dl>
    </section>
  );
}
