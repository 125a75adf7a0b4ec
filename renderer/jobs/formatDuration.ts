import type { JobSummary } from '../../shared/jobs/jobRecord';
import { parseSlurmTime } from '../../shared/jobs/slurmValues';

/** Seconds a job has run: until now while it runs, until its end once it ended; null before it starts. */
export function elapsedSeconds(job: Pick<JobSummary, 'startedAt' | 'endedAt'>, now: number): number | null {
  if (!job.startedAt) return null;
  const start = Date.parse(job.startedAt);
  const end = job.endedAt ? Date.parse(job.endedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, Math.round((end - start) / 1000));
}

/** Slurm's own way of writing a duration: `45:07`, `3:04:05`, `2-03:04:05`. */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days}-${two(hours)}:${two(minutes)}:${two(rest)}`;
  if (hours > 0) return `${hours}:${two(minutes)}:${two(rest)}`;
  return `${minutes}:${two(rest)}`;
}

/** The limit as the same kind of duration; "no limit" for UNLIMITED, null when the partition decides. */
export function formatTimeLimit(limit: string | null): string | null {
  if (limit === null) return null;
  const seconds = parseSlurmTime(limit);
  if (seconds === null) return 'no limit';
  return seconds === undefined ? limit : formatDuration(seconds);
}
