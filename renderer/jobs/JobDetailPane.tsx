import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { isTerminal } from '../../shared/jobs/jobState';
import { Icon } from '../theme/Icon';
import { CancelJobButton } from './CancelJobButton';
import { JobFacts } from './JobFacts';
import { JobLogTail } from './JobLogTail';
import { JobResultPanel } from './JobResultPanel';
import { useJobsStore } from './jobsStore';
import { JobSpecSummary } from './JobSpecSummary';
import { useJobRecord } from './useJobRecord';

/** Everything about one job: facts, what was asked, output so far, and the result. */
export function JobDetailPane({ client, job }: { client: ContractClient; job: JobSummary }) {
  const record = useJobRecord(client, job.id);
  const select = useJobsStore((state) => state.select);
  const ended = isTerminal(job.state);
  const isPython = record.status === 'ready' && record.value.spec.task.kind === 'python';

  return (
    <section className="job-detail" aria-labelledby="job-detail-title" data-testid="job-detail">
      <div className="job-detail-header">
        <div>
          <h2 id="job-detail-title" className="job-detail-title">
            {job.name}
          </h2>
          <p className="form-hint mono">{job.id}</p>
        </div>
        <div className="job-section-actions">
          {!ended && <CancelJobButton client={client} job={job} />}
          <Button className="icon-button" aria-label="Close job details" onPress={() => select(null)}>
            <Icon name="close" />
          </Button>
        </div>
      </div>
      <JobFacts job={job} />
      {record.status === 'ready' && <JobSpecSummary spec={record.value.spec} />}
      {record.status === 'failed' && <p className="form-error">{record.message}</p>}
      {isPython && <JobResultPanel client={client} id={job.id} ended={ended} />}
      <JobLogTail client={client} id={job.id} stream="stdout" state={job.state} />
      <JobLogTail client={client} id={job.id} stream="stderr" state={job.state} />
    </section>
  );
}
