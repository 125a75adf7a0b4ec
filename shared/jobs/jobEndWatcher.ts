import type { JobSummary } from './jobRecord';
import { isTerminal, type JobState } from './jobState';

/**
 * Decides which jobs just ended. A job counts only when this window saw it in a state that was
 * not final: jobs that had already ended when the window loaded are never announced, and a
 * repeated event for an ended job is announced once.
 */
export class JobEndWatcher {
  private readonly known = new Map<string, JobState>();
  private seeded = false;
  private readonly early: JobSummary[][] = [];

  /** The jobs as listed at load; events that arrived before the list are replayed after it. */
  seed(jobs: readonly JobSummary[]): JobSummary[] {
    for (const job of jobs) this.known.set(job.id, job.state);
    this.seeded = true;
    return this.early.splice(0).flatMap((batch) => this.changed(batch));
  }

  /** The jobs of a jobs.changed event that moved into an ended state. */
  changed(jobs: readonly JobSummary[]): JobSummary[] {
    if (!this.seeded) {
      this.early.push([...jobs]);
      return [];
    }
    const ended: JobSummary[] = [];
    for (const job of jobs) {
      const before = this.known.get(job.id);
      this.known.set(job.id, job.state);
      // Unknown before means submitted after load (the list had every job then): it ended here.
      if (isTerminal(job.state) && (before === undefined || !isTerminal(before))) ended.push(job);
    }
    return ended;
  }
}
