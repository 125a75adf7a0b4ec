import { useCallback, useMemo } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { LogViewer } from '../job/LogViewer';
import type { LogReader, LogStream } from '../job/useLogWindow';
import { JobStateBadge } from '../jobs/JobStateBadge';
import { useJobsStore } from '../jobs/jobsStore';
import { Icon } from '../theme/Icon';
import type { ForeignJob } from './foreignJobs';
import { QueueEfficiencySection } from './QueueEfficiencySection';
import { QueueJobActions } from './QueueJobActions';
import { QueueJobFacts } from './QueueJobFacts';
import { QueueWaitSection } from './QueueWaitSection';
import { useQueueJobDetail } from './useQueueJobDetail';
import '../job/job.css';
import './queue.css';

function queueLogReader(client: ContractClient, cluster: string, slurmId: string, stream: LogStream): LogReader {
  return (request) => client.call('queue.logs', { cluster, slurmId, stream, ...request });
}

const ignoreStale = () => undefined;

/**
 * A job the app did not submit (a terminal sbatch, another tool): what Slurm knows of it, why it
 * waits and what could change that, its efficiency once it ended, its logs from the paths Slurm
 * reports, and the controls Slurm allows a user.
 */
export function QueueJobDetailPane({ client, job, departed }: { client: ContractClient; job: ForeignJob; departed: boolean }) {
  const { cluster, slurmId } = job.queue;
  const select = useJobsStore((state) => state.select);
  const { detail, reload } = useQueueJobDetail(client, cluster, slurmId, job.queue);
  const stdout = useMemo(() => queueLogReader(client, cluster, slurmId, 'stdout'), [client, cluster, slurmId]);
  const stderr = useMemo(() => queueLogReader(client, cluster, slurmId, 'stderr'), [client, cluster, slurmId]);
  const onChanged = useCallback(() => reload(), [reload]);
  const ready = detail.status === 'ready' ? detail.value : null;
  const state = ready?.state ?? job.state;
  const reasonText = ready ? ready.reasonText : job.queue.reasonText;

  return (
    <section className="job-detail" aria-labelledby="job-detail-title" data-testid="job-detail" data-origin="other">
      <div className="job-detail-header">
        <div>
          <h2 id="job-detail-title" className="job-detail-title">
            {job.name}
          </h2>
          <p className="job-detail-state">
            <JobStateBadge state={state} />
            {reasonText && <span className="job-facts-reason"> {reasonText}</span>}
          </p>
          <p className="form-hint">
            <span className="mono">
              {slurmId} on {cluster}
            </span>{' '}
            · submitted outside this app
          </p>
        </div>
        <div className="job-section-actions">
          <Button className="icon-button" aria-label="Close job details" onPress={() => select(null)}>
            <Icon name="close" />
          </Button>
        </div>
      </div>
      {departed && (
        <p className="form-hint" role="status" data-testid="queue-departed">
          The queue no longer lists this job: shown as Slurm last described it.
        </p>
      )}
      {ready && <QueueJobActions client={client} job={ready} onChanged={onChanged} />}
      {detail.status === 'failed' && (
        <p className="form-error" role="alert" data-testid="queue-detail-error">
          {detail.message}
        </p>
      )}
      <Tabs className="job-tabs" defaultSelectedKey="overview">
        <TabList className="job-tab-list" aria-label="Job details">
          <Tab className="job-tab" id="overview" data-testid="tab-overview">
            Overview
          </Tab>
          <Tab className="job-tab" id="output" data-testid="tab-output">
            Output
          </Tab>
        </TabList>
        <TabPanel className="job-tab-panel" id="overview">
          {detail.status === 'loading' && <p className="form-hint">Asking Slurm…</p>}
          {ready && <QueueWaitSection client={client} job={ready} />}
          {ready?.efficiency && <QueueEfficiencySection efficiency={ready.efficiency} />}
          {ready && <QueueJobFacts job={ready} />}
        </TabPanel>
        <TabPanel className="job-tab-panel" id="output">
          <LogViewer key={`stdout-${cluster}-${slurmId}`} reader={stdout} stream="stdout" state={state} task={null} onStale={ignoreStale} path={ready?.stdoutPath ?? null} />
          <LogViewer key={`stderr-${cluster}-${slurmId}`} reader={stderr} stream="stderr" state={state} task={null} onStale={ignoreStale} path={ready?.stderrPath ?? null} />
        </TabPanel>
      </Tabs>
    </section>
  );
}
