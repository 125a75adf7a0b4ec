import { describe, expect, it } from 'vitest';
import { groupPendingTasks } from '../../../../../electron/services/queue/arrayGrouping';
import { formatArrayIndices } from '../../../../../shared/jobs/arrayRange';
import type { ClusterQueue, HistoryRead } from '../../../../../electron/services/queue/clusterQueue';
import type { QueueRow } from '../../../../../electron/services/queue/parseQueueRows';
import type { HistoryRow } from '../../../../../electron/services/queue/parseSacctHistory';
import { type QueueChange, QueueMonitor } from '../../../../../electron/services/queue/queueMonitor';
import { historyWindowStart, queueRefreshInterval, queueRefreshMs } from '../../../../../electron/services/queue/refreshPolicy';
import { silentLogger } from '../../../../../electron/services/log';
import type { QueueJob } from '../../../../../shared/queue/queueJob';

function row(slurmId: string, patch: Partial<QueueRow> = {}): QueueRow {
  const [jobId, task] = slurmId.split('_');
  return {
    slurmId, jobId: jobId!, arrayTaskId: task === undefined ? null : Number(task), arrayTasks: null, name: 'n', user: 'ana', account: null, partition: 'debug', qos: null,
    state: 'PENDING', reason: 'Priority', reasonText: null, submittedAt: '2026-12-07T10:00:00.000Z', startedAt: null, endedAt: null, estimatedStartAt: null,
    elapsedSeconds: 0, timeLimitSeconds: 60, nodes: null, nodeCount: 1, cpus: 1, requestedMemoryBytes: null, workDir: null, exit: null, source: 'queue', ...patch,
  };
}

/** A fake cluster (no Slurm in unit tests): answers from the rows the test sets, counting calls. */
class FakeQueue implements Partial<ClusterQueue> {
  readonly kind = 'slurm' as const;
  live: QueueRow[] = [];
  finished: HistoryRow[] = [];
  accounting = true;
  reads: HistoryRead[] = [];
  mineCalls = 0;
  get commandCount() {
    return this.mineCalls + this.reads.length;
  }
  async mine() {
    this.mineCalls += 1;
    return this.live;
  }
  async history(read: HistoryRead) {
    this.reads.push(read);
    return this.accounting ? this.finished : { unavailable: 'no job accounting here' };
  }
}

function monitorOf(queue: FakeQueue, options: { tracked?: boolean; now?: () => number } = {}) {
  const changes: QueueChange[] = [];
  const monitor: QueueMonitor = new QueueMonitor({
    queueOf: () => queue as unknown as ClusterQueue,
    appJobs: () => new Map([['7', 'sd-00000000000000aa']]),
    // The tracker, when it has app jobs there, reads the queue through the monitor: one squeue.
    refreshTracked: async (cluster) => {
      if (!options.tracked) return false;
      if (monitor.watchedSlurm(cluster)) await monitor.readQueue(cluster);
      else await queue.mine(); // the tracker's own squeue -j
      return true;
    },
    onChanged: (change) => changes.push(change),
    onStatus: () => {},
    log: silentLogger,
    ...(options.now ? { now: options.now } : {}),
  });
  return { monitor, changes };
}

describe('QueueMonitor', () => {
  it('reads the queue once per refresh, and history whole once, then only since the last read', async () => {
    let now = Date.parse('2026-12-07T12:00:00Z');
    const queue = new FakeQueue();
    queue.live = [row('5', { state: 'RUNNING' }), row('7')];
    const { monitor } = monitorOf(queue, { now: () => now });
    await monitor.list('c', 'today', false);
    now += 30_000;
    await monitor.refresh('c');
    expect(queue.mineCalls).toBe(2);
    expect(queue.reads).toEqual([{ window: 'today' }, { seconds: 30 + 120 }]);
    // A new window is read whole again.
    await monitor.list('c', '30d', false);
    expect(queue.reads.at(-1)).toEqual({ window: '30d' });
    monitor.stop();
  });

  it('shares one squeue with the job tracker for a watched cluster', async () => {
    const queue = new FakeQueue();
    queue.live = [row('7', { state: 'RUNNING' })];
    const { monitor } = monitorOf(queue, { tracked: true });
    monitor.watch(['c'], true, 'none');
    await monitor.refresh('c');
    const before = queue.mineCalls;
    await monitor.refresh('c');
    expect(queue.mineCalls - before).toBe(1);
    monitor.stop();
  });

  it('marks the app’s jobs, leaves them out on request, merges history under live rows, and reports changes', async () => {
    const queue = new FakeQueue();
    queue.live = [row('7', { state: 'RUNNING' }), row('8')];
    queue.finished = [{ ...row('6', { state: 'COMPLETED', source: 'history', endedAt: new Date().toISOString() }), efficiency: null }, { ...row('8', { state: 'RUNNING' }), efficiency: null }];
    const { monitor, changes } = monitorOf(queue);
    await monitor.list('c', 'today', false);
    const rows = monitor.rows('c', { unrollArrays: true, sources: 'all' });
    expect(rows.map((job: QueueJob) => [job.slurmId, job.source, job.appJobId])).toEqual([
      ['8', 'queue', null],
      ['7', 'queue', 'sd-00000000000000aa'],
      ['6', 'history', null],
    ]);
    expect(monitor.rows('c', { unrollArrays: true, sources: 'outside-app' }).map((job) => job.slurmId)).toEqual(['8', '6']);
    expect(changes.at(-1)).toMatchObject({ removed: [], complete: true });

    queue.live = [row('7', { state: 'RUNNING' })];
    await monitor.refresh('c');
    expect(changes.at(-1)).toMatchObject({ changed: [], removed: ['8'] });
    const count = changes.length;
    await monitor.refresh('c');
    expect(changes.length).toBe(count); // nothing changed: no event
    monitor.stop();
  });

  it('says the cluster keeps no accounting, still lists the queue, and stops asking sacct', async () => {
    const queue = new FakeQueue();
    queue.accounting = false;
    queue.live = [row('5')];
    const { monitor } = monitorOf(queue);
    await monitor.list('c', 'today', false);
    await monitor.refresh('c');
    expect(monitor.status('c').accounting).toEqual({ state: 'unavailable', message: 'no job accounting here' });
    expect(monitor.rows('c', { unrollArrays: false, sources: 'all' })).toHaveLength(1);
    expect(queue.reads).toHaveLength(1);
  });

  it('a scheduler that cannot be reached is a state of the cluster, not an error of the call', async () => {
    const queue = new FakeQueue();
    queue.mine = async () => {
      throw new Error('squeue could not reach the Slurm controller');
    };
    const { monitor } = monitorOf(queue);
    await monitor.list('c', 'none', false);
    expect(monitor.status('c')).toMatchObject({ reachable: false, message: 'squeue could not reach the Slurm controller' });
  });

  it('refreshes only watched clusters, quickly only while visible and active', () => {
    const queue = new FakeQueue();
    const { monitor } = monitorOf(queue);
    expect(monitor.status('c').refreshIntervalMs).toBeNull();
    const [status] = monitor.watch(['c'], false, 'none');
    expect(status!.refreshIntervalMs).toBe(queueRefreshMs.hiddenIdle);
    expect(monitor.watch([], true, 'none')).toEqual([]);
    expect(monitor.status('c').refreshIntervalMs).toBeNull();
    monitor.stop();
  });
});

describe('refresh policy', () => {
  it('is quick only for a visible window with something active, and none for an unwatched cluster', () => {
    expect(queueRefreshInterval(false, true, true)).toBeNull();
    expect(queueRefreshInterval(true, true, true)).toBe(queueRefreshMs.visibleActive);
    expect(queueRefreshInterval(true, true, false)).toBe(queueRefreshMs.visibleIdle);
    expect(queueRefreshInterval(true, false, true)).toBe(queueRefreshMs.hiddenActive);
    // Idle costs at most one squeue a minute: under the two an admin tolerates.
    expect(queueRefreshMs.visibleIdle).toBeGreaterThanOrEqual(30_000);
  });

  it('starts history windows at local midnight, or 7 and 30 days back', () => {
    const now = new Date(2026, 11, 7, 15, 30).getTime();
    expect(historyWindowStart('today', now)).toBe(new Date(2026, 11, 7).getTime());
    expect(now - historyWindowStart('7d', now)).toBe(7 * 86_400_000);
  });
});

describe('array grouping', () => {
  it('writes indices as Slurm ranges', () => {
    expect(formatArrayIndices([5, 0, 1, 2, 3, 7, 8, 9, 3])).toBe('0-3,5,7-9');
    expect(formatArrayIndices([])).toBe('');
  });

  it('groups pending tasks by array and reason; running tasks keep their rows', () => {
    const job = (id: string, patch: Partial<QueueRow> = {}): QueueJob => ({ ...row(id, patch), cluster: 'c', appJobId: null, efficiency: null });
    const grouped = groupPendingTasks([job('9_0', { state: 'RUNNING' }), job('9_1'), job('9_2'), job('9_4'), job('9_5', { reason: 'Dependency' }), job('10')]);
    expect(grouped.map((entry) => [entry.slurmId, entry.arrayTasks])).toEqual([
      ['9_0', null],
      ['10', null],
      ['9_[1-2,4]', '1-2,4'],
      ['9_5', null],
    ]);
  });
});
