import type { ContractClient } from '../../shared/contract/client';
import { useJobResult, type JobResult } from './useJobResult';

function ResultBody({ result }: { result: JobResult }) {
  switch (result.kind) {
    case 'json':
      return (
        <pre className="code-block" tabIndex={0} aria-label="Result as JSON" data-testid="result-json">
          {JSON.stringify(result.value, null, 2)}
        </pre>
      );
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
        <div data-testid="result-error">
          <p className="result-error-title">
            <span className="mono">{result.type}</span>: {result.message}
          </p>
          <pre className="code-block" tabIndex={0} aria-label="Traceback">
            {result.traceback}
          </pre>
        </div>
      );
    case 'none':
      return (
        <p className="form-hint" data-testid="result-none">
          {result.message}
        </p>
      );
  }
}

/** What the function returned, or how it failed; a pickle is never loaded in the app. */
export function JobResultPanel({ client, id, ended }: { client: ContractClient; id: string; ended: boolean }) {
  const result = useJobResult(client, id, ended);
  return (
    <section className="job-section" aria-labelledby="job-result-title" data-testid="job-result">
      <div className="job-section-header">
        <h3 id="job-result-title" className="job-section-title">
          Result
        </h3>
      </div>
      {result === null && <p className="form-hint">The result appears when the job ends.</p>}
      {result?.status === 'loading' && <p className="form-hint">Reading the result…</p>}
      {result?.status === 'failed' && <p className="form-error">{result.message}</p>}
      {result?.status === 'ready' && <ResultBody result={result.value} />}
    </section>
  );
}
