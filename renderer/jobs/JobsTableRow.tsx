import { memo } from 'react';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import type { QueueJob } from '../../shared/queue/queueJob';
import { EfficiencyCells } from '../queue/EfficiencyCells';
import { foreignMark, queueJobOf } from '../queue/foreignJobs';
import { describeReason } from '../../shared/jobs/jobState';
import { elapsedSeconds, formatDuration, formatTimeLimit } from './formatDuration';
import { formatRelativeTime, formatTimestamp } from './formatRelativeTime';
import { JobStateBadge } from './JobStateBadge';
import { TaskCountBadges } from './TaskCountBadges';

export type RowPlacement = { domId: string; rowIndex: number; start: number; active: boolean };

type Props = RowPlacement & {
  job: JobSummary;
  checked: boolean;
  /** Its details are open. */
  current: boolean;
  /** Null unless the job is an array. */
  expanded: boolean | null;
  now: number;
  /** What the cluster's queue says of an app job (its efficiency once ended); null when nothing yet. */
  slurmView: QueueJob | null;
};

/**
 * One job. Pointer actions are read by the table from `data-action` (one listener for all rows);
 * the keyboard does the same through the table, so the tick box and the expander are not tab stops.
 */
export const JobsTableRow = memo(function JobsTableRow({ job, checked, current, expanded, now, slurmView, domId, rowIndex, start, active }: Props) {
  const reason = describeReason(job.reason);
  const foreign = queueJobOf(job);
  // An app array's row stands for all its tasks: one task's figures would mislead there.
  const efficiency = (foreign ?? (job.tasks === null ? slurmView : null))?.efficiency ?? null;
  return (
    <div
      role="row"
      id={domId}
      className="jobs-row"
      aria-rowindex={rowIndex}
      aria-selected={checked}
      aria-level={1}
      aria-expanded={expanded ?? undefined}
      data-key={job.id}
      data-origin={foreign ? 'other' : 'app'}
      data-active={active || undefined}
      data-current={current || undefined}
      data-testid={`job-row-${job.id}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="jobs-cell jobs-cell-check" data-action="check">
        <span className="jobs-check" data-checked={checked || undefined} aria-hidden="true" />
      </div>
      <div role="rowheader" className={foreign ? 'jobs-cell jobs-cell-name jobs-cell-stack' : 'jobs-cell jobs-cell-name'}>
        {expanded !== null && (
          <span className="jobs-expander" data-action="expand" data-expanded={expanded || undefined} aria-hidden="true" title={expanded ? 'Hide tasks' : 'Show tasks'}>
            ▸
          </span>
        )}
        <span className="jobs-text" title={job.name}>
          {job.name}
        </span>
        {foreign && <span className="jobs-cell-sub jobs-origin">{foreignMark(foreign)}</span>}
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-stack">
        <span className="mono">{job.slurmId ?? '—'}</span>
        <span className="mono jobs-cell-sub">{foreign ? (foreign.partition ?? '') : job.id}</span>
      </div>
      <div role="gridcell" className="jobs-cell">
        <span className="jobs-text">{job.cluster}</span>
      </div>
      <div role="gridcell" className={job.tasks ? 'jobs-cell jobs-cell-stack' : 'jobs-cell'}>
        <JobStateBadge state={job.state} />
        {job.tasks && <TaskCountBadges tasks={job.tasks} />}
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-muted">
        <span className="jobs-text" title={job.reason ?? undefined}>
          {reason ?? '—'}
        </span>
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-stack jobs-cell-duration">
        <ElapsedOfLimit startedAt={job.startedAt} endedAt={job.endedAt} limit={job.timeLimit} now={now} />
      </div>
      <EfficiencyCells efficiency={efficiency} />
      <div role="gridcell" className="jobs-cell jobs-cell-number">
        {job.nodes ?? 1}
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-muted">
        <time dateTime={job.submittedAt} title={formatTimestamp(job.submittedAt)}>
          {formatRelativeTime(job.submittedAt, now)}
        </time>
      </div>
    </div>
  );
});

/** How long it ran over what it may run (`12:04` over `limit 2:00:00`); the limit alone before it starts. */
export function ElapsedOfLimit({ startedAt, endedAt, limit, now }: { startedAt: string | null; endedAt: string | null; limit: string | null; now: number }) {
  const elapsed = elapsedSeconds({ startedAt, endedAt }, now);
  const limitText = formatTimeLimit(limit);
  return (
    <>
      <span className="jobs-text">{elapsed === null ? '—' : formatDuration(elapsed)}</span>
      <span className="jobs-text jobs-cell-sub">{limitText === null ? 'default limit' : `limit ${limitText}`}</span>
    </>
  );
}
