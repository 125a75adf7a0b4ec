import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { formatTimestamp } from '../jobs/formatRelativeTime';
import { useNow } from '../jobs/useNow';

type Priority = Result<'queue.priority'>;

/** The priority parts of pending jobs and the accounts' fairshare, where the site allows (sprio, sshare). */
function usePriority(client: ContractClient, cluster: string, wanted: boolean): Priority | string | null {
  const [answer, setAnswer] = useState<{ cluster: string; value: Priority | string } | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    client.call('queue.priority', { cluster }).then(
      (value) => live && setAnswer({ cluster, value }),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setAnswer({ cluster, value: error instanceof Error ? error.message : 'The priority could not be read.' });
      },
    );
    return () => {
      live = false;
    };
  }, [client, cluster, wanted]);
  return answer?.cluster === cluster ? answer.value : null;
}

/** "in 3 h 20 min" for an expected start; a time already passed is Slurm's estimate running late. */
export function untilText(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  if (seconds <= 60) return 'any moment now';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  if (hours >= 48) return `in ${Math.round(hours / 24)} days`;
  return hours > 0 ? `in ${hours} h ${minutes} min` : `in ${minutes} min`;
}

const fixed = (value: number) => (Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2));

/** Why a job waits, what the person can change, when Slurm expects it to start, and its place in line. */
export function QueueWaitSection({ client, job }: { client: ContractClient; job: JobDetail }) {
  const now = useNow(15_000);
  const pending = job.state === 'PENDING';
  const priority = usePriority(client, job.cluster, pending);
  if (!pending) return null;
  const mine = typeof priority === 'object' && priority !== null ? priority.jobs.find((entry) => entry.slurmId === job.slurmId || entry.slurmId === job.jobId) : undefined;
  const share = typeof priority === 'object' && priority !== null ? priority.shares.find((entry) => entry.account === job.account) : undefined;

  return (
    <section className="job-section" aria-labelledby="queue-wait-title" data-testid="queue-wait">
      <h3 id="queue-wait-title" className="job-section-title">
        Why it waits
      </h3>
      <p data-testid="queue-wait-reason">{job.reasonText ?? 'Slurm gives no reason: it should start as soon as it is scheduled.'}</p>
      {job.reasonAdvice && (
        <p className="form-hint" data-testid="queue-wait-advice">
          {job.reasonAdvice}
        </p>
      )}
      <dl className="job-facts">
        <dt>Expected start</dt>
        <dd data-testid="queue-wait-start">
          {job.estimatedStartAt ? (
            <>
              <time dateTime={job.estimatedStartAt}>{formatTimestamp(job.estimatedStartAt)}</time>
              <span className="timeline-relative"> · {untilText(job.estimatedStartAt, now)}</span>
            </>
          ) : (
            'Slurm has no estimate yet'
          )}
        </dd>
        <dt>Priority</dt>
        <dd data-testid="queue-wait-priority">
          {mine
            ? `${fixed(mine.priority)} (age ${fixed(mine.age)}, fairshare ${fixed(mine.fairshare)}, size ${fixed(mine.jobSize)}, partition ${fixed(mine.partitionFactor)}, QOS ${fixed(mine.qos)}${mine.nice !== 0 ? `, nice ${mine.nice}` : ''})`
            : typeof priority === 'string'
              ? priority
              : priority && !priority.priority.available
                ? (priority.priority.message ?? 'This site does not show priorities.')
                : job.priority !== null
                  ? fixed(job.priority)
                  : '—'}
        </dd>
        {priority && typeof priority === 'object' && (
          <>
            <dt>Fairshare</dt>
            <dd data-testid="queue-wait-fairshare">
              {share?.fairShare != null
                ? `${share.fairShare.toFixed(2)} for account ${share.account} (1 means it used far less than its share, 0 far more)`
                : !priority.fairshare.available
                  ? (priority.fairshare.message ?? 'This site does not show fairshare.')
                  : '—'}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
