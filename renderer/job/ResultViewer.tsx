import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { JsonTree } from './JsonTree';
import { TooLargeResult } from './TooLargeResult';
import type { StaleMark } from './useLogWindow';
import { useJobResult, type JobResult } from './useJobResult';

function ResultBody({ client, id, cluster, result }: { client: ContractClient; id: string; cluster: string; result: JobResult }) {
  switch (result.kind) {
    case 'json':
      return <JsonTree value={result.value} label="Result as JSON" />;
    case 'repr':
      return (
        <>
          <p className="form-hint">Not JSON — shown as Python repr, never unpickled.</p>
          <pre className="code-block" tabIndex={0} aria-label="Result as Python repr" data-testid="result-repr">
            {result.text}
          </pre>
        </>
      );
    case 'error':
      return (
        <div className="result-error" data-testid="result-error">
          <p className="result-error-title">
            <span className="result-error-type mono" data-testid="result-error-type">
              {result.type}
            </span>
            <span className="result-error-message">{result.message}</span>
          </p>
          {result.traceback && (
            <pre className="code-block traceback" tabIndex={0} aria-label="Traceback">
              {result.traceback}
            </pre>
          )}
        </div>
      );
    case 'none':
      return (
        <p className="form-hint" data-testid="result-none">
          {result.message}
        </p>
      );
    case 'too-large':
      return <TooLargeResult client={client} id={id} cluster={cluster} result={result} />;
  }
}

type ResultViewerProps = {
  client: ContractClient;
  id: string;
  cluster: string;
  /** The array task whose result this is; null for a job that is no array. */
  task: number | null;
  /** The job (or, in an array, this task) has ended: its result can be read. */
  ended: boolean;
  onStale: (stale: StaleMark | null) => void;
};

/** What the function returned, or how it failed; a pickle is never loaded in the app. */
export function ResultViewer({ client, id, cluster, task, ended, onStale }: ResultViewerProps) {
  const result = useJobResult(client, id, task, ended);
  // '' stands for "stale, time unknown"; null for fresh.
  const staleAt = result?.status === 'ready' && result.value.stale ? (result.value.fetchedAt ?? '') : null;
  useEffect(() => onStale(staleAt === null ? null : { fetchedAt: staleAt || null }), [onStale, staleAt]);
  return (
    <section className="job-section" aria-labelledby="job-result-title" data-testid="job-result">
      <div className="job-section-header">
        <h3 id="job-result-title" className="job-section-title">
          Result
          {task !== null && <span className="job-section-subtitle"> · task {task}</span>}
        </h3>
      </div>
      {result === null && <p className="form-hint">{task === null ? 'The result appears when the job ends.' : `The result appears when task ${task} ends.`}</p>}
      {result?.status === 'loading' && <p className="form-hint">Reading the result…</p>}
      {result?.status === 'failed' && <p className="form-error">{result.message}</p>}
      {result?.status === 'ready' && <ResultBody client={client} id={id} cluster={cluster} result={result.value} />}
    </section>
  );
}
