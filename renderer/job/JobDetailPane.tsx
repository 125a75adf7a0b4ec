import { useCallback, useMemo, useState } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason, isTerminal } from '../../shared/jobs/jobState';
import { JobStateBadge } from '../jobs/JobStateBadge';
import { useJobsStore } from '../jobs/jobsStore';
import { AppJobSlurmView } from '../queue/AppJobSlurmView';
import { Icon } from '../theme/Icon';
import { CancelJobButton } from './CancelJobButton';
import { FileBrowser } from './FileBrowser';
import { JobEnvironmentLine } from './JobEnvironmentLine';
import { JobScriptPanel } from './JobScriptPanel';
import { JobTimeline } from './JobTimeline';
import { LogViewer } from './LogViewer';
import { ResultViewer } from './ResultViewer';
import { arrayTaskIndices } from './arrayTaskIndices';
import { StaleBanner } from './StaleBanner';
import { SubmitAgainButton } from './SubmitAgainButton';
import { TaskPicker } from './TaskPicker';
import { useJobRecord } from './useJobRecord';
import { appJobLogReader, type StaleMark } from './useLogWindow';
import { useTaskStates } from './useTaskStates';
import { useTransferFeed } from './useTransferFeed';
import { ResultsPanel } from '../sweep/ResultsPanel';
import { TaskLogSearch } from '../sweep/TaskLogSearch';
import './job.css';

type StaleSource = 'stdout' | 'stderr' | 'result';

/** Everything about one job: timeline and script, output, result, and its folder. */
export function JobDetailPane({ client, job }: { client: ContractClient; job: JobSummary }) {
  useTransferFeed(client);
  const record = useJobRecord(client, job.id);
  const select = useJobsStore((state) => state.select);
  const selectedTask = useJobsStore((state) => state.selectedTask);
  const selectTask = useJobsStore((state) => state.selectTask);
  const taskStates = useTaskStates(client, job);
  const spec = record.status === 'ready' ? record.value.spec : null;
  const indices = useMemo(() => (spec ? arrayTaskIndices(spec) : []), [spec]);
  // An array writes one output and one result per task: show the task picked, else the first.
  const task = indices.length === 0 ? null : selectedTask !== null && indices.includes(selectedTask) ? selectedTask : indices[0]!;
  // Until the person picks a tab, a finished Python job opens on its result, anything else on its output.
  const [pickedTab, setPickedTab] = useState<Key | null>(null);
  const [stale, setStale] = useState<Partial<Record<StaleSource, StaleMark>>>({});
  const markStale = useCallback((source: StaleSource, mark: StaleMark | null) => {
    setStale((current) => {
      const previous = current[source];
      if (Boolean(previous) === Boolean(mark) && previous?.fetchedAt === mark?.fetchedAt) return current;
      const { [source]: _previous, ...rest } = current;
      return mark ? { ...rest, [source]: mark } : rest;
    });
  }, []);
  const onLogStale = useCallback((stream: 'stdout' | 'stderr', mark: StaleMark | null) => markStale(stream, mark), [markStale]);
  const stdoutReader = useMemo(() => appJobLogReader(client, job.id, 'stdout', task), [client, job.id, task]);
  const stderrReader = useMemo(() => appJobLogReader(client, job.id, 'stderr', task), [client, job.id, task]);
  const onResultStale = useCallback((mark: StaleMark | null) => markStale('result', mark), [markStale]);
  const ended = isTerminal(job.state);
  const taskState = task === null ? undefined : taskStates.get(task)?.state;
  const resultReady = ended || (taskState !== undefined && isTerminal(taskState));
  const isPython = record.status === 'ready' && record.value.spec.task.kind === 'python';
  const staleMarks = Object.values(stale);
  const oldest = staleMarks.map((mark) => mark.fetchedAt).sort()[0] ?? null;

  return (
    <section className="job-detail" aria-labelledby="job-detail-title" data-testid="job-detail">
      <div className="job-detail-header">
        <div>
          <h2 id="job-detail-title" className="job-detail-title">
            {job.name}
          </h2>
          <p className="job-detail-state">
            <JobStateBadge state={job.state} />
            {describeReason(job.reason) && <span className="job-facts-reason"> {describeReason(job.reason)}</span>}
          </p>
          <p className="form-hint mono">{job.id}</p>
        </div>
        <div className="job-section-actions">
          {record.status === 'ready' && <SubmitAgainButton spec={record.value.spec} />}
          {!ended && <CancelJobButton client={client} job={job} />}
          <Button className="icon-button" aria-label="Close job details" onPress={() => select(null)}>
            <Icon name="close" />
          </Button>
        </div>
      </div>
      {staleMarks.length > 0 && <StaleBanner fetchedAt={oldest} />}
      <Tabs className="job-tabs" selectedKey={pickedTab ?? (isPython && ended ? 'result' : 'output')} onSelectionChange={setPickedTab}>
        <TabList className="job-tab-list" aria-label="Job details">
          <Tab className="job-tab" id="overview" data-testid="tab-overview">
            Overview
          </Tab>
          <Tab className="job-tab" id="output" data-testid="tab-output">
            Output
          </Tab>
          {isPython && (
            <Tab className="job-tab" id="result" data-testid="tab-result">
              Result
            </Tab>
          )}
          {isPython && task !== null && (
            <Tab className="job-tab" id="results" data-testid="tab-results">
              All results
            </Tab>
          )}
          <Tab className="job-tab" id="files" data-testid="tab-files">
            Files
          </Tab>
        </TabList>
        <TabPanel className="job-tab-panel" id="overview">
          <JobTimeline job={job} />
          <AppJobSlurmView client={client} job={job} />
          {record.status === 'ready' && <JobEnvironmentLine spec={record.value.spec} />}
          {record.status === 'ready' && <JobScriptPanel client={client} id={job.id} spec={record.value.spec} />}
          {record.status === 'failed' && <p className="form-error">{record.message}</p>}
        </TabPanel>
        <TabPanel className="job-tab-panel" id="output">
          {task !== null && <TaskPicker indices={indices} current={task} states={taskStates} onPick={selectTask} />}
          {task !== null && <TaskLogSearch client={client} id={job.id} onOpenTask={selectTask} />}
          <LogViewer key={`stdout-${task}`} reader={stdoutReader} stream="stdout" state={taskState ?? job.state} task={task} onStale={onLogStale} />
          <LogViewer key={`stderr-${task}`} reader={stderrReader} stream="stderr" state={taskState ?? job.state} task={task} onStale={onLogStale} />
        </TabPanel>
        {isPython && (
          <TabPanel className="job-tab-panel" id="result">
            {task !== null && <TaskPicker indices={indices} current={task} states={taskStates} onPick={selectTask} />}
            <ResultViewer client={client} id={job.id} cluster={job.cluster} task={task} ended={resultReady} onStale={onResultStale} />
          </TabPanel>
        )}
        {isPython && task !== null && (
          <TabPanel className="job-tab-panel" id="results">
            <ResultsPanel
              client={client}
              ids={[job.id]}
              name={job.name}
              version={`${job.state}:${JSON.stringify(job.tasks?.counts ?? {})}`}
              onOpenLog={(row) => {
                if (row.task !== null) selectTask(row.task);
                setPickedTab('output');
              }}
            />
          </TabPanel>
        )}
        <TabPanel className="job-tab-panel" id="files">
          <FileBrowser client={client} job={job} />
        </TabPanel>
      </Tabs>
    </section>
  );
}
