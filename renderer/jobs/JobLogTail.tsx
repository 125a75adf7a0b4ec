import { Button, Switch } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { JobState } from '../../shared/jobs/jobState';
import { type LogStream, useLogTail } from './useLogTail';

/** One stream's tail, with Refresh and Follow; the output region is scrollable and focusable. */
export function JobLogTail({ client, id, stream, state }: { client: ContractClient; id: string; stream: LogStream; state: JobState }) {
  const { tail, following, setFollowing, canFollow, refresh } = useLogTail(client, id, stream, state);
  const titleId = `log-${stream}-title`;
  return (
    <section className="job-section" aria-labelledby={titleId} data-testid={`log-${stream}`}>
      <div className="job-section-header">
        <h3 id={titleId} className="job-section-title">
          {stream}
          {tail.truncated && <span className="job-section-note"> (last 64 KiB)</span>}
        </h3>
        <div className="job-section-actions">
          <Switch className="switch" isSelected={following && canFollow} onChange={setFollowing} isDisabled={!canFollow}>
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            Follow
          </Switch>
          <Button className="button button-small" onPress={refresh} aria-label={`Refresh ${stream}`}>
            Refresh
          </Button>
        </div>
      </div>
      {tail.error && (
        <p className="form-error" role="alert">
          {tail.error}
        </p>
      )}
      <pre className="code-block log-block" tabIndex={0} aria-label={`${stream} of the job`} data-testid={`log-${stream}-text`}>
        {tail.text || (tail.loading ? 'Reading…' : 'Nothing written yet.')}
      </pre>
    </section>
  );
}
