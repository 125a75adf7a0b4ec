import { parseArrayRange } from '../../../shared/jobs/arrayRange';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { isTerminal } from '../../../shared/jobs/jobState';
import type { Backend, FinalEntry, QueueEntry } from '../backends/types';
import type { Logger } from '../log';
import type { JobEngine } from './jobEngine';
import { readEndMarker } from './jobOutputs';
import type { JobPatch } from './journal';
import { changedFields, groupByJob, observe, taskCount } from './trackJobs';

/** Refreshes in a row a job may be unknown to the scheduler before its markers decide. */
const missesBeforeMarkers = 2;

export type ClusterHealth = { cluster: string; reachable: boolean; message: string | null; checkedAt: string };

/**
 * Where a cluster's queue entries come from instead of `squeue -j`: the queue view's one
 * `squeue --me` read, which already holds every job of the person. Null: ask the scheduler.
 */
export type QueueSource = (cluster: string) => (() => Promise<QueueEntry[]>) | null;

/**
 * Keeps tracked jobs in step with the scheduler: per refresh, one queue command for every active
 * job of a cluster and at most one accounting command for those that left the queue. A scheduler
 * that cannot be reached is a state of the cluster, never a job failure.
 */
export class JobTracker {
  private readonly misses = new Map<string, number>();
  private readonly health = new Map<string, ClusterHealth>();
  private queueSource: QueueSource = () => null;

  constructor(
    private readonly engine: JobEngine,
    private readonly backend: (cluster: string) => Backend,
    private readonly log: Logger,
  ) {}

  /** One squeue per cluster per refresh: a cluster the queue view reads is refreshed from that read. */
  readQueueFrom(source: QueueSource): void {
    this.queueSource = source;
  }

  clusterHealth(cluster: string): ClusterHealth | undefined {
    return this.health.get(cluster);
  }

  activeJobs(cluster?: string): JobRecord[] {
    return [...this.engine.journal.all()].filter(
      (record) => record.slurmId !== null && !isTerminal(record.state) && (!cluster || record.cluster === cluster),
    );
  }

  /** Refreshes every cluster with active jobs; returns the jobs that changed. */
  async refreshAll(): Promise<JobRecord[]> {
    const clusters = new Set(this.activeJobs().map((record) => record.cluster));
    const changed: JobRecord[] = [];
    for (const cluster of clusters) changed.push(...(await this.refresh(cluster)));
    return changed;
  }

  async refresh(cluster: string): Promise<JobRecord[]> {
    const active = this.activeJobs(cluster);
    if (active.length === 0) return [];
    const ids = [...new Set(active.map((record) => record.slurmId!))];
    let files: Backend['files'];
    let queued: Map<string, QueueEntry[]>;
    let settled: Map<string, FinalEntry[]>;
    try {
      // A cluster whose profile was removed is unreachable like any other, not a stop for the rest.
      const backend = this.backend(cluster);
      files = backend.files;
      const scheduler = backend.scheduler;
      const shared = this.queueSource(cluster);
      queued = groupByJob(shared ? await shared() : await scheduler.queue(ids));
      const totals = new Map(active.map((record) => [record.id, taskCount(record, countRange)]));
      const needSettling = active
        .filter((record) => {
          const inQueue = queued.get(record.slurmId!)?.length ?? 0;
          const total = totals.get(record.id) ?? null;
          return inQueue === 0 || (total !== null && inQueue < total);
        })
        .map((record) => record.slurmId!);
      settled = groupByJob(needSettling.length > 0 ? await scheduler.settle(needSettling) : []);
      this.health.set(cluster, { cluster, reachable: true, message: null, checkedAt: new Date().toISOString() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(`refresh of ${cluster} failed: ${message}`);
      this.health.set(cluster, { cluster, reachable: false, message, checkedAt: new Date().toISOString() });
      return [];
    }

    const changes: { id: string; patch: JobPatch }[] = [];
    for (const record of active) {
      let patch = observe(record, { queued, settled }, taskCount(record, countRange));
      if (patch === null) patch = await this.fromMarkers(record, files);
      else this.misses.delete(record.id);
      const changed = patch && changedFields(record, patch);
      if (changed) changes.push({ id: record.id, patch: changed });
    }
    return this.engine.update(changes);
  }

  /** The scheduler has forgotten the job: its end marker, a requested cancel, or after a while, LOST. */
  private async fromMarkers(record: JobRecord, files: Backend['files']): Promise<JobPatch | null> {
    const misses = (this.misses.get(record.id) ?? 0) + 1;
    this.misses.set(record.id, misses);
    if (misses < missesBeforeMarkers) return null;
    const marker = record.spec.array ? null : await readEndMarker(files, record);
    this.misses.delete(record.id);
    if (marker) {
      return {
        state: marker.exitCode === 0 ? 'COMPLETED' : 'FAILED',
        exit: { code: marker.exitCode, signal: 0 },
        endedAt: marker.endedAt,
        reason: 'Settled from the job folder: the scheduler no longer knows the job.',
      };
    }
    // Slurm forgets a job cancelled before it started: that is the cancel the person asked for.
    if (record.cancelRequestedAt) return { state: 'CANCELLED', reason: 'Cancelled before it started.' };
    return { state: 'LOST', reason: `The scheduler no longer knows job ${record.slurmId} and its folder has no end marker.` };
  }
}

function countRange(range: string): number {
  const parsed = parseArrayRange(range);
  return typeof parsed === 'string' ? 0 : parsed.indices.length;
}
