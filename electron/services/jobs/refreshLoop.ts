import { isTerminal } from '../../../shared/jobs/jobState';
import type { Logger } from '../log';
import type { JobEngine } from './jobEngine';
import type { JobTracker } from './jobTracker';

export const refreshIntervals = { afterSubmitMs: 1_000, runningMs: 3_000, pendingMs: 10_000, fastWindowMs: 20_000 };

/**
 * Refreshes often right after a submission (people watch a new job), less while jobs only wait,
 * and not at all when nothing is active — a shared scheduler should not pay for an idle app.
 */
export class RefreshLoop {
  private timer: NodeJS.Timeout | null = null;
  private fastUntil = 0;
  private running = false;
  private stopped = false;

  constructor(
    private readonly tracker: JobTracker,
    private readonly engine: JobEngine,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /**
   * Another process changed the journal: announce its jobs now, and track them if any is live
   * (an idle loop would otherwise not look again until this process submits something).
   */
  noticeExternalChanges(): void {
    const changed = this.engine.noticeExternalChanges();
    if (changed.some((record) => !isTerminal(record.state)) && this.timer === null && !this.running) this.schedule(0);
  }

  /** A job was just submitted: refresh now and often for a while. */
  nudge(): void {
    this.fastUntil = Date.now() + refreshIntervals.fastWindowMs;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private submitting(): number {
    return this.engine.list({ states: ['SUBMITTING'] }).length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.running) return this.schedule(refreshIntervals.afterSubmitMs);
    this.running = true;
    try {
      // The cheap fallback should a watch event be lost: one stat, and the appended bytes if any.
      this.engine.noticeExternalChanges();
      // Submissions interrupted by a crash are settled here too, once it is safe to decide.
      if (this.submitting() > 0) await this.engine.recover();
      await this.tracker.refreshAll();
    } catch (error) {
      this.log.error('job refresh failed', error);
    } finally {
      this.running = false;
    }
    const active = this.tracker.activeJobs();
    if (active.length === 0) {
      if (this.submitting() > 0) this.schedule(refreshIntervals.pendingMs);
      return;
    }
    if (Date.now() < this.fastUntil) return this.schedule(refreshIntervals.afterSubmitMs);
    const anyRunning = active.some((record) => record.state === 'RUNNING' || record.state === 'COMPLETING');
    this.schedule(anyRunning ? refreshIntervals.runningMs : refreshIntervals.pendingMs);
  }
}
