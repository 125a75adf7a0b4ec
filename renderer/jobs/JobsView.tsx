import { useMemo } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { useConnectionStore } from '../app/connectionStore';
import { CompareRunsButton } from '../sweep/CompareRunsButton';
import { CancelCheckedButton } from './CancelCheckedButton';
import { JobDetailPane } from '../job/JobDetailPane';
import { JobsFilters } from './JobsFilters';
import { useJob, useJobsStore } from './jobsStore';
import { JobsTable } from './JobsTable';
import { useJobsTableStore } from './jobsTableStore';
import { useVisibleJobs } from './useVisibleJobs';
import { QueueJobDetailPane } from '../queue/QueueJobDetailPane';
import { QueueNotes } from '../queue/QueueNotes';
import { ReadQueuesButton } from '../queue/QueueOptions';
import { useForeignJob } from '../queue/queueStore';
import './jobs.css';
import '../queue/queue.css';
import './jobsTable.css';

const noJobs: readonly JobSummary[] = [];

/** The view is shown only once connected, so the client is there. */
export function JobsView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <JobsPage client={client} /> : null;
}

function JobsPage({ client }: { client: ContractClient }) {
  const total = useJobsStore((state) => state.total);
  const loading = useJobsStore((state) => state.loading);
  const loadError = useJobsStore((state) => state.loadError);
  const selectedId = useJobsStore((state) => state.selectedId);
  const selectedApp = useJob(selectedId);
  const selectedForeign = useForeignJob(selectedId);
  const selected = selectedApp ?? selectedForeign?.job ?? null;
  const checked = useJobsTableStore((state) => state.checked);
  const { all, shown, rows, clusters } = useVisibleJobs();
  // Nothing ticked is the usual case: then no pass over the shown jobs on each batch of changes.
  const checkedJobs = useMemo(() => (checked.size === 0 ? noJobs : shown.filter((job) => checked.has(job.id))), [shown, checked]);

  return (
    <div className={selected ? 'jobs-view jobs-view-with-detail' : 'jobs-view'}>
      <div className="jobs-list">
        <div className="jobs-list-header">
          <h1 className="view-title">Jobs</h1>
          <p className="form-hint" role="status" data-testid="jobs-count">
            {countText(shown.length, all.length, total, loading)}
          </p>
        </div>
        <div className="jobs-toolbar">
          <JobsFilters client={client} clusters={clusters} />
          <div className="jobs-toolbar-end">
            <ReadQueuesButton client={client} />
            <CancelCheckedButton client={client} checkedJobs={checkedJobs} />
            <CompareRunsButton client={client} checkedJobs={checkedJobs} />
          </div>
        </div>
        <QueueNotes />
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        <JobsTable
          client={client}
          rows={rows}
          shown={shown}
          checkedShown={checkedJobs.length}
          emptyText={all.length === 0 ? (loading ? 'Reading the job list…' : 'No jobs yet: none submitted here, and none of yours in the queues of connected clusters. Submit one from the Submit view.') : 'No job matches these filters.'}
        />
      </div>
      {selectedApp && <JobDetailPane key={selectedApp.id} client={client} job={selectedApp} />}
      {selectedForeign && <QueueJobDetailPane key={selectedForeign.job.id} client={client} job={selectedForeign.job} departed={selectedForeign.departed} />}
    </div>
  );
}

function countText(shown: number, loaded: number, total: number, loading: boolean): string {
  if (loading && loaded < total) return `Reading jobs: ${loaded.toLocaleString()} of ${total.toLocaleString()}…`;
  if (shown === loaded) return `${loaded.toLocaleString()} ${loaded === 1 ? 'job' : 'jobs'}`;
  return `Showing ${shown.toLocaleString()} of ${loaded.toLocaleString()}`;
}
