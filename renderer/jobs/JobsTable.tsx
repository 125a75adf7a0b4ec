import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { describeReason } from '../../shared/jobs/jobState';
import { formatRelativeTime, formatTimestamp } from './formatRelativeTime';
import { useJobsStore } from './jobsStore';
import { JobStateBadge } from './JobStateBadge';
import { useNow } from './useNow';

/** The job list as a grid: arrow keys move between rows, Enter or Space opens a job. */
export function JobsTable() {
  const jobs = useJobsStore((state) => state.jobs);
  const selectedId = useJobsStore((state) => state.selectedId);
  const select = useJobsStore((state) => state.select);
  const now = useNow(15_000);

  return (
    <Table
      className="jobs-table"
      aria-label="Jobs"
      selectionMode="single"
      selectionBehavior="replace"
      selectedKeys={selectedId ? [selectedId] : []}
      onSelectionChange={(keys) => {
        if (keys === 'all') return;
        const [first] = keys;
        select(typeof first === 'string' ? first : null);
      }}
      data-testid="jobs-table"
    >
      <TableHeader>
        <Column className="jobs-column" isRowHeader>Name</Column>
        <Column className="jobs-column">Cluster</Column>
        <Column className="jobs-column">State</Column>
        <Column className="jobs-column">Reason</Column>
        <Column className="jobs-column">Submitted</Column>
        <Column className="jobs-column">Slurm id</Column>
      </TableHeader>
      <TableBody items={jobs} renderEmptyState={() => <p className="jobs-empty">No jobs yet. Submit one from the Submit view.</p>}>
        {(job) => (
          <Row id={job.id} className="jobs-row" data-testid={`job-row-${job.id}`}>
            <Cell className="jobs-cell jobs-cell-name">{job.name}</Cell>
            <Cell className="jobs-cell">{job.cluster}</Cell>
            <Cell className="jobs-cell">
              <JobStateBadge state={job.state} />
            </Cell>
            <Cell className="jobs-cell jobs-cell-muted">{describeReason(job.reason) ?? '—'}</Cell>
            <Cell className="jobs-cell jobs-cell-muted">
              <time dateTime={job.submittedAt} title={formatTimestamp(job.submittedAt)}>
                {formatRelativeTime(job.submittedAt, now)}
              </time>
            </Cell>
            <Cell className="jobs-cell mono">{job.slurmId ?? '—'}</Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}
