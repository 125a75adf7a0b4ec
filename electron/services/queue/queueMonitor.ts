import type { JobId } from '../../../shared/jobs/jobSpec';
import { isTerminal } from '../../../shared/jobs/jobState';
import { type AccountingStatus, type HistoryWindow, type QueueJob, QueueJobSchema, type QueueStatus } from '../../../shared/queue/queueJob';
import type { Logger } from '../log';
import { groupPendingTasks } from './arrayGrouping';
import { type ClusterQueue, type HistoryRead, isUnavailable } from './clusterQueue';
import type { QueueRow } from './parseQueueRows';
import type { HistoryRow } from './parseSacctHistory';
import { historyOverlapSeconds, historyWindowStart, queueRefreshInterval } from './refreshPolicy';

export type QueueChange = { status: QueueStatus; changed: QueueJob[]; removed: string[]; complete: boolean };

export type QueueMonitorDeps = {
  queueOf(cluster: string): ClusterQueue;
  /** Slurm job id → the app's id, for the jobs this app submitted to the cluster. */
  appJobs(cluster: string): Map<string, JobId>;
  /**
   * Runs the job tracker's refresh of the cluster when it has jobs of the app to follow (it then
   * reads the queue through `readQueue`, so one squeue serves both); false when it had none.
   */
  refreshTracked(cluster: string): Promise<boolean>;
  onChanged(change: QueueChange): void;
  onStatus(status: QueueStatus): void;
  log: Logger;
  now?: () => number;
};

type ClusterState = {
  live: Map<string, QueueJob>;
  history: Map<string, QueueJob>;
  /** What the last event told the windows, by id: the base of the next diff. */
  published: Map<string, QueueJob>;
  window: HistoryWindow;
  historyReadAt: number | null;
  accounting: AccountingStatus;
  fetchedAt: string | null;
  reachable: boolean;
  message: string | null;
  timer: NodeJS.Timeout | null;
  reading: Promise<void> | null;
  lastStatus: string;
};

const maxChangedPerEvent = 5000;

/**
 * The person's queue per cluster: one `squeue --me` per refresh for every job (the tracker's
 * refresh of the app's own jobs uses the same read), history from sacct read incrementally, and a
 * pace set by what the windows watch (queue.watch). Nothing is read for a cluster nobody watches,
 * except once when asked (queue.list from the CLI).
 */
export class QueueMonitor {
  readonly #clusters = new Map<string, ClusterState>();
  #watched = new Set<string>();
  #visible = false;
  #stopped = false;
  readonly #now: () => number;

  constructor(private readonly deps: QueueMonitorDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** The tracker's source of queue entries for a watched Slurm cluster; null to let it ask itself. */
  watchedSlurm(cluster: string): boolean {
    return this.#watched.has(cluster) && this.deps.queueOf(cluster).kind === 'slurm';
  }

  watch(clusters: readonly string[], visible: boolean, history: HistoryWindow): QueueStatus[] {
    const before = this.#watched;
    this.#watched = new Set(clusters);
    const becameVisible = visible && !this.#visible;
    this.#visible = visible;
    for (const cluster of before) if (!this.#watched.has(cluster)) this.#clearTimer(this.#state(cluster));
    for (const cluster of this.#watched) {
      const state = this.#state(cluster);
      this.#setWindow(state, history);
      if (!before.has(cluster) || becameVisible || state.fetchedAt === null) void this.refresh(cluster);
      else this.#schedule(cluster);
    }
    return [...this.#watched].map((cluster) => this.status(cluster));
  }

  status(cluster: string): QueueStatus {
    const state = this.#state(cluster);
    let commands = 0;
    try {
      commands = this.deps.queueOf(cluster).commandCount;
    } catch {
      // A cluster whose profile is gone has issued nothing new.
    }
    return {
      cluster,
      fetchedAt: state.fetchedAt,
      reachable: state.reachable,
      message: state.message,
      accounting: state.accounting,
      history: state.window,
      refreshIntervalMs: this.#interval(cluster),
      schedulerCommands: commands,
    };
  }

  /** Every row of the cluster: live rows win over history for the same id. */
  rows(cluster: string, options: { unrollArrays: boolean; sources: 'all' | 'outside-app' }): QueueJob[] {
    let rows = this.#merged(this.#state(cluster));
    if (options.sources === 'outside-app') rows = rows.filter((row) => row.appJobId === null);
    if (!options.unrollArrays) rows = groupPendingTasks(rows);
    return rows.sort(newestFirst);
  }

  #merged(state: ClusterState): QueueJob[] {
    const rows = [...state.live.values()];
    for (const [id, row] of state.history) if (!state.live.has(id)) rows.push(row);
    return rows;
  }

  /** Reads the cluster now unless a read is under way (then waits for that one). */
  async list(cluster: string, window: HistoryWindow, refresh: boolean): Promise<void> {
    const state = this.#state(cluster);
    const windowChanged = this.#setWindow(state, window);
    if (refresh || windowChanged || state.fetchedAt === null) await this.refresh(cluster);
  }

  refresh(cluster: string): Promise<void> {
    const state = this.#state(cluster);
    if (state.reading) return state.reading;
    state.reading = this.#refresh(cluster, state).finally(() => {
      state.reading = null;
      this.#schedule(cluster);
    });
    return state.reading;
  }

  /** One squeue for all the person's jobs; the tracker calls this for watched Slurm clusters. */
  async readQueue(cluster: string): Promise<QueueRow[]> {
    const state = this.#state(cluster);
    const rows = await this.deps.queueOf(cluster).mine();
    const appJobs = this.deps.appJobs(cluster);
    state.live = new Map(rows.map((row) => [row.slurmId, this.#complete(cluster, row, appJobs, null)]));
    state.fetchedAt = new Date(this.#now()).toISOString();
    state.reachable = true;
    state.message = null;
    this.#publish(cluster);
    // Read for the tracker between the monitor's own reads: the next one waits a whole interval.
    if (state.reading === null) this.#schedule(cluster);
    return rows;
  }

  stop(): void {
    this.#stopped = true;
    for (const state of this.#clusters.values()) this.#clearTimer(state);
  }

  async #refresh(cluster: string, state: ClusterState): Promise<void> {
    try {
      const tracked = await this.deps.refreshTracked(cluster);
      // The tracker reads through readQueue only for watched clusters; otherwise read here.
      if (!tracked || !this.watchedSlurm(cluster)) await this.readQueue(cluster);
      await this.#readHistory(cluster, state);
    } catch (error) {
      state.reachable = false;
      state.message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`queue of ${cluster} could not be read: ${state.message}`);
    }
    this.#publish(cluster);
  }

  async #readHistory(cluster: string, state: ClusterState): Promise<void> {
    const queue = this.deps.queueOf(cluster);
    if (queue.kind === 'embedded') state.accounting = { state: 'not-slurm', message: 'This computer keeps its own short history of the jobs it ran; there is no Slurm accounting here.' };
    if (state.window === 'none' || state.accounting.state === 'unavailable') {
      state.history.clear();
      return;
    }
    const started = this.#now();
    const read: HistoryRead =
      state.historyReadAt === null ? { window: state.window } : { seconds: (started - state.historyReadAt) / 1000 + historyOverlapSeconds };
    const rows = await queue.history(read);
    if (isUnavailable(rows)) {
      state.accounting = { state: 'unavailable', message: rows.unavailable };
      state.history.clear();
      return;
    }
    if (queue.kind === 'slurm') state.accounting = { state: 'available', message: null };
    if (state.historyReadAt === null) state.history.clear();
    state.historyReadAt = started;
    const appJobs = this.deps.appJobs(cluster);
    for (const row of rows) {
      if (isTerminal(row.state)) state.history.set(row.slurmId, this.#complete(cluster, row, appJobs, row.efficiency));
      else state.history.delete(row.slurmId); // requeued: the queue shows it again
    }
    const windowStart = historyWindowStart(state.window, started);
    for (const [id, row] of state.history) if (row.endedAt !== null && Date.parse(row.endedAt) < windowStart) state.history.delete(id);
  }

  #complete(cluster: string, row: QueueRow | HistoryRow, appJobs: Map<string, JobId>, efficiency: QueueJob['efficiency']): QueueJob {
    // The parsed row becomes the queue row in place: copying 10,000 rows of 24 fields every
    // refresh was a third of a refresh's time, most of it garbage collection (measured).
    const job = row as Partial<QueueJob> & QueueRow;
    job.cluster = cluster;
    job.appJobId = appJobs.get(row.jobId) ?? null;
    job.efficiency = efficiency;
    return job as QueueJob;
  }

  /** Tells the windows what changed since they were last told: changed rows (unrolled) and ids gone. */
  #publish(cluster: string): void {
    const state = this.#state(cluster);
    const current = new Map<string, QueueJob>();
    const changed: QueueJob[] = [];
    // Order does not matter for a diff: no sort here (10,000 rows are refreshed every few seconds).
    for (const row of this.#merged(state)) {
      current.set(row.slurmId, row);
      const before = state.published.get(row.slurmId);
      if (before === undefined || !sameRow(before, row)) changed.push(row);
    }
    const removed = [...state.published.keys()].filter((id) => !current.has(id));
    state.published = current;
    const status = this.status(cluster);
    const { fetchedAt: _when, schedulerCommands: _count, ...lasting } = status;
    const statusKey = JSON.stringify(lasting);
    const statusChanged = statusKey !== state.lastStatus;
    state.lastStatus = statusKey;
    if (changed.length > 0 || removed.length > 0) {
      const complete = changed.length <= maxChangedPerEvent && removed.length <= 20_000;
      this.deps.onChanged({ status, changed: complete ? changed : changed.slice(0, maxChangedPerEvent), removed: removed.slice(0, 20_000), complete });
    } else if (statusChanged) {
      this.deps.onStatus(status);
    }
  }

  #interval(cluster: string): number | null {
    const state = this.#state(cluster);
    const active = [...state.live.values()].some((row) => !isTerminal(row.state));
    return queueRefreshInterval(this.#watched.has(cluster), this.#visible, active);
  }

  #schedule(cluster: string): void {
    const state = this.#state(cluster);
    this.#clearTimer(state);
    const interval = this.#interval(cluster);
    if (interval === null || this.#stopped) return;
    state.timer = setTimeout(() => void this.refresh(cluster), interval);
    state.timer.unref();
  }

  #clearTimer(state: ClusterState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
  }

  /** True when the window changed: the next read is a whole one. */
  #setWindow(state: ClusterState, window: HistoryWindow): boolean {
    if (state.window === window) return false;
    state.window = window;
    state.historyReadAt = null;
    return true;
  }

  #state(cluster: string): ClusterState {
    let state = this.#clusters.get(cluster);
    if (!state) {
      state = {
        live: new Map(),
        history: new Map(),
        published: new Map(),
        window: 'today',
        historyReadAt: null,
        accounting: { state: 'unknown', message: null },
        fetchedAt: null,
        reachable: true,
        message: null,
        timer: null,
        reading: null,
        lastStatus: '',
      };
      this.#clusters.set(cluster, state);
    }
    return state;
  }
}

/** Field by field: rows are flat but for exit and efficiency, which are compared whole. */
const rowKeys = Object.keys(QueueJobSchema.shape) as (keyof QueueJob)[];

function sameRow(a: QueueJob, b: QueueJob): boolean {
  for (const key of rowKeys) {
    const left = a[key];
    const right = b[key];
    if (left === right) continue;
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
    if (JSON.stringify(left) !== JSON.stringify(right)) return false;
  }
  return true;
}

function newestFirst(a: QueueJob, b: QueueJob): number {
  // ISO 8601 in UTC sorts as text; a plain comparison, not localeCompare (ICU, slow on 10,000 rows).
  const [left, right] = [a.submittedAt ?? '', b.submittedAt ?? ''];
  if (left !== right) return left < right ? 1 : -1;
  const byJob = Number(b.jobId) - Number(a.jobId);
  return byJob !== 0 ? byJob : (a.arrayTaskId ?? -1) - (b.arrayTaskId ?? -1);
}
