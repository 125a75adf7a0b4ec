import type { ContractClient } from '../../shared/contract/client';
import { useConnectionStore } from '../app/connectionStore';
import { JobDetailPane } from '../job/JobDetailPane';
import { useJobsFeed } from './useJobsFeed';
import { useJobsStore } from './jobsStore';
import { JobsTable } from './JobsTable';
import './jobs.css';

/** The view is shown only once connected, so the client is there. */
export function JobsView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <JobsPage client={client} /> : null;
}

function JobsPage({ client }: { client: ContractClient }) {
  useJobsFeed(client);
  const jobs = useJobsStore((state) => state.jobs);
  const total = useJobsStore((state) => state.total);
  const loadError = useJobsStore((state) => state.loadError);
  const selected = useJobsStore((state) => jobs.find((job) => job.id === state.selectedId) ?? null);

  return (
    <div className={selected ? 'jobs-view jobs-view-with-detail' : 'jobs-view'}>
      <div className="jobs-list">
        <div className="jobs-list-header">
          <h1 className="view-title">Jobs</h1>
          <p className="form-hint">
            {total > jobs.length ? `Showing the newest ${jobs.length} of ${total}` : `${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`}
          </p>
        </div>
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        <JobsTable />
      </div>
      {selected && <JobDetailPane key={selected.id} client={client} job={selected} />}
    </div>
  );
}
