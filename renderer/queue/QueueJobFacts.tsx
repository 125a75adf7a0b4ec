import type { ReactNode } from 'react';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { formatBytes } from '../../shared/queue/efficiency';
import { BrowseInFiles } from '../files/BrowseInFiles';
import { exitText } from '../job/exitText';
import { formatDuration } from '../jobs/formatDuration';
import { formatTimestamp } from '../jobs/formatRelativeTime';

type Fact = { label: string; value: ReactNode; mono?: boolean; testId?: string };

const orDash = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? '—' : String(value));

/** What `scontrol show job` says of a job the app did not submit, in the order a person reads it. */
export function QueueJobFacts({ job }: { job: JobDetail }) {
  const facts: Fact[] = [
    { label: 'Slurm id', value: job.slurmId, mono: true },
    { label: 'Cluster', value: job.cluster },
    { label: 'User', value: job.user },
    { label: 'Account', value: orDash(job.account) },
    { label: 'Partition', value: orDash(job.partition), mono: true },
    { label: 'QOS', value: orDash(job.qos) },
    { label: 'Nodes', value: job.nodes ? `${job.nodes}${job.nodeCount ? ` (${job.nodeCount})` : ''}` : orDash(job.nodeCount), mono: true },
    { label: 'CPUs', value: orDash(job.cpus) },
    { label: 'Memory', value: job.requestedMemoryBytes === null ? '—' : formatBytes(job.requestedMemoryBytes) },
    { label: 'Asked (TRES)', value: orDash(job.requestedTres), mono: true },
    { label: 'Given (TRES)', value: orDash(job.allocatedTres), mono: true },
    { label: 'Time limit', value: job.timeLimitSeconds === null ? 'none' : formatDuration(job.timeLimitSeconds) },
    { label: 'Elapsed', value: job.elapsedSeconds === null ? '—' : formatDuration(job.elapsedSeconds) },
    { label: 'Submitted', value: formatTimestamp(job.submittedAt) },
    { label: 'Started', value: formatTimestamp(job.startedAt) },
    { label: 'Ended', value: formatTimestamp(job.endedAt) },
    { label: 'Exit code', value: exitText(job.exit) },
    { label: 'Nice', value: orDash(job.nice) },
    { label: 'Dependency', value: orDash(job.dependency), mono: true },
    { label: 'Command', value: orDash(job.command), mono: true, testId: 'queue-fact-command' },
    { label: 'Work folder', value: orDash(job.workDir), mono: true, testId: 'queue-fact-workdir' },
    { label: 'StdOut', value: orDash(job.stdoutPath), mono: true, testId: 'queue-fact-stdout' },
    { label: 'StdErr', value: orDash(job.stderrPath), mono: true, testId: 'queue-fact-stderr' },
  ];
  return (
    <section className="job-section" aria-labelledby="queue-facts-title" data-testid="queue-facts">
      <h3 id="queue-facts-title" className="job-section-title">
        What Slurm knows
      </h3>
      <dl className="job-facts">
        {facts.map((fact) => (
          <div key={fact.label} className="job-fact">
            <dt>{fact.label}</dt>
            <dd className={fact.mono ? 'mono job-facts-path' : undefined} data-testid={fact.testId}>
              {fact.value}
            </dd>
          </div>
        ))}
      </dl>
      {job.workDir?.startsWith('/') && (
        <p className="job-facts-actions">
          <BrowseInFiles cluster={job.cluster} path={job.workDir} />
        </p>
      )}
    </section>
  );
}
