import type { JobSummary } from '../../shared/jobs/jobRecord';
import { describeReason } from '../../shared/jobs/jobState';

/** Writes either machine-readable JSON (one document, newline-terminated) or text for a person. */
export type Output = { json: boolean; print(value: unknown, text: () => string): void };

export function createOutput(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Output {
  return {
    json,
    print: (value, text) => write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`),
  };
}

export function jobLine(job: JobSummary): string {
  const reason = describeReason(job.reason);
  const exit = job.exit && job.exit.code !== 0 ? ` exit ${job.exit.code}` : '';
  const tasks = job.tasks ? ` [${Object.entries(job.tasks.counts).map(([state, count]) => `${count} ${state.toLowerCase()}`).join(', ')}]` : '';
  return `${job.id}  ${(job.slurmId ?? '-').padEnd(8)}  ${job.cluster.padEnd(10)}  ${job.state.padEnd(13)}  ${job.name}${tasks}${exit}${reason ? ` (${reason})` : ''}`;
}

export function jobTable(jobs: readonly JobSummary[]): string {
  if (jobs.length === 0) return 'No jobs yet. Submit one with: slurmdesk submit --cluster embedded SCRIPT';
  const header = `${'ID'.padEnd(19)}  ${'SLURM'.padEnd(8)}  ${'CLUSTER'.padEnd(10)}  ${'STATE'.padEnd(13)}  NAME`;
  return [header, ...jobs.map(jobLine)].join('\n');
}
