import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';
import type { JobId } from '../../../shared/jobs/jobSpec';
import type { Availability } from '../../../shared/queue/clusterResources';
import type { JobDetail } from '../../../shared/queue/jobDetail';
import type { AccountingStatus } from '../../../shared/queue/queueJob';
import type { AuditLog } from '../audit/auditLog';
import type { ClusterFiles } from '../backends/types';
import { readLogAt } from '../jobs/jobOutputs';
import { type ClusterQueue, isUnavailable, type Unavailable } from './clusterQueue';
import { historyDetail } from './historyDetail';
import type { QueueMonitor } from './queueMonitor';
import { checkedUpdate } from './checkedUpdate';

type QueueMethod = Extract<keyof Handlers, `queue.${string}`>;

export type QueueHandlerDeps = {
  monitor: QueueMonitor;
  queueOf(cluster: string): ClusterQueue;
  files(cluster: string): ClusterFiles;
  appJobs(cluster: string): Map<string, JobId>;
  audit: AuditLog;
};

const available: Availability = { available: true, message: null };
const availability = (value: unknown): Availability => (isUnavailable(value) ? { available: false, message: value.unavailable } : available);
const listOrEmpty = <T>(value: T[] | Unavailable): T[] => (isUnavailable(value) ? [] : value);

type LogPaths = { stdout: string | null; stderr: string | null };
/** How many jobs' output paths are kept; the oldest is forgotten first. */
const rememberedLogPaths = 2000;

/** The contract's queue.* methods; every payload passed its schema in the dispatcher first. */
export function createQueueHandlers(deps: QueueHandlerDeps): Pick<Handlers, QueueMethod> {
  const { monitor, queueOf, audit } = deps;

  async function detail(cluster: string, slurmId: string): Promise<JobDetail> {
    const queue = queueOf(cluster);
    const fromQueue = await queue.detail(slurmId);
    const appJobs = deps.appJobs(cluster);
    if (fromQueue !== null) {
      let efficiency: JobDetail['efficiency'] = null;
      if (fromQueue.allowedActions.length === 0 && queue.kind === 'slurm') {
        const rows = await queue.efficiency([fromQueue.slurmId]);
        if (!isUnavailable(rows)) efficiency = rows.find((row) => row.slurmId === fromQueue.slurmId)?.efficiency ?? null;
      }
      return { ...fromQueue, cluster, appJobId: appJobs.get(fromQueue.jobId) ?? null, efficiency };
    }
    // Slurm's controller forgot it (MinJobAge): accounting still knows, where there is accounting.
    const rows = queue.kind === 'slurm' ? await queue.efficiency([slurmId]) : { unavailable: '' };
    const row = isUnavailable(rows) ? undefined : rows.find((candidate) => candidate.slurmId === slurmId);
    if (!row) {
      const why = isUnavailable(rows) && rows.unavailable !== '' ? ` ${rows.unavailable}` : '';
      throw new AppError('not-found', `Slurm on ${cluster} no longer knows job ${slurmId}.${why}`);
    }
    return { ...historyDetail(row), cluster, appJobId: appJobs.get(row.jobId) ?? null };
  }

  // A job's output paths never change once Slurm has them, while a followed log is read every
  // second: so `scontrol show job` is asked once per job, not once per read.
  const logPaths = new Map<string, LogPaths>();
  async function logPathsOf(cluster: string, slurmId: string): Promise<LogPaths> {
    const key = `${cluster}\0${slurmId}`;
    const known = logPaths.get(key);
    if (known) return known;
    const job = await detail(cluster, slurmId);
    const paths = { stdout: job.stdoutPath, stderr: job.stderrPath };
    // Only a complete answer is kept: a path Slurm does not give yet is asked for again next time.
    if (paths.stdout !== null && paths.stderr !== null) {
      if (logPaths.size >= rememberedLogPaths) logPaths.delete(logPaths.keys().next().value!);
      logPaths.set(key, paths);
    }
    return paths;
  }

  function record(cluster: string, jobs: string[], action: string, detailText: string, outcomes: { ok: boolean; message: string | null }[]): void {
    const failed = outcomes.filter((outcome) => !outcome.ok).length;
    const outcome = failed === 0 ? 'done' : failed === outcomes.length ? `refused: ${outcomes[0]?.message ?? 'unknown'}` : `${failed} of ${outcomes.length} refused`;
    audit.record({ event: 'job-control', cluster, jobs, action, detail: detailText, outcome: outcome.slice(0, 500) });
  }

  return {
    'queue.watch': ({ clusters, visible, history }) => ({ statuses: monitor.watch(clusters, visible, history) }),
    'queue.list': async ({ cluster, history, unrollArrays, sources, refresh, offset, limit }) => {
      await monitor.list(cluster, history, refresh);
      const rows = monitor.rows(cluster, { unrollArrays, sources });
      return { status: monitor.status(cluster), jobs: rows.slice(offset, offset + limit), total: rows.length };
    },
    'queue.job': ({ cluster, slurmId }) => detail(cluster, slurmId),
    'queue.logs': async ({ cluster, slurmId, stream, offset, length, tail }) => {
      const path = (await logPathsOf(cluster, slurmId))[stream];
      if (path === null) throw new AppError('not-found', `Slurm does not say where job ${slurmId} on ${cluster} writes its ${stream}.`);
      // Paths come from Slurm, never from the window; the person's own file permissions apply.
      if (!path.startsWith('/')) throw new AppError('not-found', `Slurm reports "${path.slice(0, 200)}" as the ${stream} of job ${slurmId}, which is not an absolute path.`);
      const piece = await readLogAt(deps.files(cluster), path, { tail, ...(offset !== undefined ? { offset } : {}), ...(length !== undefined ? { length } : {}) });
      return { text: new TextDecoder().decode(piece.bytes), offset: piece.offset, nextOffset: piece.nextOffset, size: piece.size, stale: false, path };
    },
    'queue.control': async ({ cluster, slurmIds, action, signal }) => {
      if (signal !== undefined && action !== 'cancel') throw new AppError('invalid-params', 'A signal can only be sent with cancel.');
      const outcomes = await queueOf(cluster).control(action, slurmIds, signal);
      record(cluster, slurmIds, signal === undefined ? action : `signal ${signal}`, '', outcomes);
      void monitor.refresh(cluster);
      return { outcomes };
    },
    'queue.update': async ({ cluster, slurmId, changes }) => {
      const queue = queueOf(cluster);
      const current = queue.kind === 'slurm' ? await detail(cluster, slurmId) : null;
      if (current !== null) checkedUpdate(current, changes);
      const outcome = await queue.update(slurmId, changes);
      const said = Object.entries(changes).map(([key, value]) => `${key}=${String(value)}`).join(' ');
      record(cluster, [slurmId], 'update', said, [outcome]);
      void monitor.refresh(cluster);
      return outcome;
    },
    'queue.efficiency': async ({ cluster, slurmIds }) => {
      const rows = await queueOf(cluster).efficiency(slurmIds);
      const accounting: AccountingStatus = isUnavailable(rows)
        ? { state: queueOf(cluster).kind === 'embedded' ? 'not-slurm' : 'unavailable', message: rows.unavailable }
        : { state: 'available', message: null };
      const jobs = listOrEmpty(rows)
        .filter((row) => row.efficiency !== null)
        .map((row) => ({ slurmId: row.slurmId, state: row.state, efficiency: row.efficiency! }));
      return { accounting, jobs };
    },
    'queue.nodes': async ({ cluster, partition }) => {
      const nodes = await queueOf(cluster).nodes(partition);
      return { availability: availability(nodes), fetchedAt: new Date().toISOString(), nodes: listOrEmpty(nodes) };
    },
    'queue.reservations': async ({ cluster }) => {
      const reservations = await queueOf(cluster).reservations();
      return { availability: availability(reservations), reservations: listOrEmpty(reservations) };
    },
    'queue.priority': async ({ cluster }) => {
      const queue = queueOf(cluster);
      const [priority, shares] = [await queue.priority(), await queue.fairshare()];
      // sprio lists every pending job it may show; only the person's own are theirs to weigh.
      await monitor.list(cluster, monitor.status(cluster).history, false);
      const mine = new Set(monitor.rows(cluster, { unrollArrays: true, sources: 'all' }).flatMap((row) => [row.slurmId, row.jobId]));
      const jobs = listOrEmpty(priority).filter((row) => mine.has(row.slurmId));
      return { priority: availability(priority), jobs, fairshare: availability(shares), shares: listOrEmpty(shares) };
    },
    'queue.partition': async ({ cluster, partition, offset, limit }) => {
      const rows = await queueOf(cluster).partition(partition);
      if (isUnavailable(rows)) throw new AppError('not-available', rows.unavailable);
      const appJobs = deps.appJobs(cluster);
      const jobs = rows.map((row) => ({ ...row, cluster, appJobId: appJobs.get(row.jobId) ?? null, efficiency: null }));
      return { fetchedAt: new Date().toISOString(), jobs: jobs.slice(offset, offset + limit), total: jobs.length };
    },
  };
}
