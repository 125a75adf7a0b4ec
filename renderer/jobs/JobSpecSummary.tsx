import type { JobSpec } from '../../shared/jobs/jobSpec';

function resourcesText(spec: JobSpec): string {
  const { partition, time, cpusPerTask, mem } = spec.resources;
  const parts = [
    partition && `partition ${partition}`,
    time && `time ${time}`,
    cpusPerTask && `${cpusPerTask} CPUs per task`,
    mem && `memory ${mem}`,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : 'cluster defaults';
}

/** What was asked for: the task in one or two lines, and the resources. */
export function JobSpecSummary({ spec }: { spec: JobSpec }) {
  const task = spec.task;
  return (
    <dl className="job-facts" data-testid="job-spec">
      {task.kind === 'script' ? (
        <>
          <dt>Script</dt>
          <dd>
            <pre className="code-block code-block-short">{task.body}</pre>
          </dd>
        </>
      ) : (
        <>
          <dt>Python</dt>
          <dd className="mono">{task.target}</dd>
          <dt>Arguments</dt>
          <dd className="mono job-facts-path">
            args {JSON.stringify(task.args)}, kwargs {JSON.stringify(task.kwargs)}
          </dd>
        </>
      )}
      <dt>Resources</dt>
      <dd>{resourcesText(spec)}</dd>
    </dl>
  );
}
