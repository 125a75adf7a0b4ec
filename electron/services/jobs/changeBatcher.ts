import type { JobSummary } from '../../../shared/jobs/jobRecord';

/**
 * Collects changed jobs and hands them on at most every `intervalMs`, latest state per job, so a
 * refresh of 10,000 array tasks is one event rather than a storm.
 */
export class ChangeBatcher {
  private readonly pending = new Map<string, JobSummary>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flushTo: (jobs: JobSummary[]) => void,
    private readonly intervalMs = 100,
  ) {}

  add(jobs: readonly JobSummary[]): void {
    for (const job of jobs) this.pending.set(job.id, job);
    if (!this.timer && this.pending.size > 0) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    this.flushTo(jobs);
  }
}
