import type { ContractClient } from '../../shared/contract/client';
import type { JobSpec } from '../../shared/jobs/jobSpec';
import { useJobFileText } from './useJobFile';

/** The batch script the app wrote into the job folder (job.sh), exactly as the scheduler got it. */
const scriptFile = 'job.sh';

function resourcesText(spec: JobSpec): string {
  const { partition, time, cpusPerTask, mem } = spec.resources;
  const parts = [partition && `partition ${partition}`, time && `time ${time}`, cpusPerTask && `${cpusPerTask} CPUs per task`, mem && `memory ${mem}`].filter(
    (part): part is string => Boolean(part),
  );
  return parts.length > 0 ? parts.join(', ') : 'cluster defaults';
}

/** What was asked (the spec from jobs.get) and the script generated from it. */
export function JobScriptPanel({ client, id, spec }: { client: ContractClient; id: string; spec: JobSpec }) {
  const script = useJobFileText(client, id, scriptFile, 256 * 1024);
  const task = spec.task;
  return (
    <section className="job-section" aria-labelledby="job-spec-title" data-testid="job-spec">
      <h3 id="job-spec-title" className="job-section-title">
        What was asked
      </h3>
      <dl className="job-facts">
        {task.kind === 'script' ? (
          <>
            <dt>Script</dt>
            <dd>
              <pre className="code-block code-block-short" tabIndex={0} aria-label="Script body">
                {task.body}
              </pre>
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
            <dt>Interpreter</dt>
            <dd className="mono">{task.interpreter}</dd>
          </>
        )}
        <dt>Resources</dt>
        <dd>{resourcesText(spec)}</dd>
      </dl>
      <h4 className="job-section-title">Generated script ({scriptFile})</h4>
      {script.status === 'loading' && <p className="form-hint">Reading {scriptFile}…</p>}
      {script.status === 'failed' && <p className="form-error">{script.message}</p>}
      {script.status === 'ready' && (
        <pre className="code-block" tabIndex={0} aria-label="Generated batch script" data-testid="job-script">
          {script.value.text}
        </pre>
      )}
    </section>
  );
}
