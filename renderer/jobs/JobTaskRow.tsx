import { memo } from 'react';
import type { JobTask } from '../../shared/contract/jobsMethods';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason } from '../../shared/jobs/jobState';
import { formatRelativeTime, formatTimestamp } from './formatRelativeTime';
import { JobStateBadge } from './JobStateBadge';
import { ElapsedOfLimit, type RowPlacement } from './JobsTableRow';

/** One task of an open array, indented under it; Enter on it opens the array's details. */
export const JobTaskRow = memo(function JobTaskRow({ job, task, now, domId, rowIndex, start, active }: RowPlacement & { job: JobSummary; task: JobTask; now: number }) {
  const reason = describeReason(task.reason);
  const exit = task.exit && task.exit.code !== 0 ? `exit ${task.exit.code}` : null;
  return (
    <div
      role="row"
      id={domId}
      className="jobs-row jobs-row-task"
      aria-rowindex={rowIndex}
      aria-level={2}
      data-active={active || undefined}
      data-testid={`task-row-${job.id}-${task.index}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="gridcell" className="jobs-cell" />
      <div role="rowheader" className="jobs-cell jobs-cell-task">
        <span className="jobs-text">Task {task.index}</span>
      </div>
      <div role="gridcell" className="jobs-cell mono">
        {job.slurmId === null ? '—' : `${job.slurmId}_${task.index}`}
      </div>
      <div role="gridcell" className="jobs-cell" />
      <div role="gridcell" className="jobs-cell">
        <JobStateBadge state={task.state} />
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-muted">
        <span className="jobs-text" title={task.reason ?? undefined}>
          {[reason, exit].filter(Boolean).join(' · ') || '—'}
        </span>
      </div>
      <div role="gridcell" className="jobs-cell jobs-cell-stack jobs-cell-duration">
        <ElapsedOfLimit startedAt={task.startedAt} endedAt={task.endedAt} limit={job.timeLimit} now={now} />
      </div>
      <div role="gridcell" className="jobs-cell" />
      <div role="gridcell" className="jobs-cell" />
      <div role="gridcell" className="jobs-cell" />
      <div role="gridcell" className="jobs-cell jobs-cell-muted">
        {task.endedAt && (
          <time dateTime={task.endedAt} title={`Ended ${formatTimestamp(task.endedAt)}`}>
            {formatRelativeTime(task.endedAt, now)}
          </time>
        )}
      </div>
    </div>
  );
});

/** Where an open array's tasks will appear: "Reading its tasks…", or why they could not be read. */
export function JobTaskNoteRow({ text, domId, rowIndex, start, active }: RowPlacement & { text: string }) {
  return (
    <div role="row" id={domId} className="jobs-row jobs-row-task" aria-rowindex={rowIndex} aria-level={2} data-active={active || undefined} style={{ transform: `translateY(${start}px)` }}>
      <div role="gridcell" className="jobs-cell jobs-cell-note" aria-colindex={2} aria-colspan={10}>
        {text}
      </div>
    </div>
  );
}
