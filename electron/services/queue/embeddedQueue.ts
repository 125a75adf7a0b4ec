import { userInfo } from 'node:os';
import { posix } from 'node:path';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { describeReason, isTerminal } from '../../../shared/jobs/jobState';
import { parseSlurmTime } from '../../../shared/jobs/slurmValues';
import type { ControlOutcome, JobSignal, QueueAction } from '../../../shared/queue/queueControl';
import { jobFiles } from '../jobs/jobFolder';
import type { ClusterQueue, HistoryRead, Unavailable } from './clusterQueue';
import { allowedActions, type JobDetailFields } from './parseJobDetail';
import type { QueueRow } from './parseQueueRows';
import type { HistoryRow } from './parseSacctHistory';

const notHere = (what: string): Unavailable => ({ unavailable: `${what} are a Slurm feature; This computer runs jobs without Slurm, so there are none here.` });

export type EmbeddedQueueDeps = {
  /** The app's records of jobs on this cluster: the executor runs nothing else. */
  records(): JobRecord[];
  /** Cancels through the engine, which journals and audits it like any cancel. */
  cancel(appIds: string[]): Promise<void>;
};

/**
 * "This computer" answers the queue views from the jobs the app gave its executor: there is no
 * one else's job to show, no accounting, nodes, reservations or priority. Cancel works; what only
 * Slurm can do says so instead of failing.
 */
export class EmbeddedQueue implements ClusterQueue {
  readonly kind = 'embedded';
  readonly commandCount = 0;

  constructor(private readonly deps: EmbeddedQueueDeps) {}

  async mine(): Promise<QueueRow[]> {
    return this.deps.records().filter((record) => record.slurmId !== null && !isTerminal(record.state)).map(toRow);
  }

  async history(_read: HistoryRead): Promise<HistoryRow[]> {
    return this.deps.records().filter((record) => record.slurmId !== null && isTerminal(record.state)).map((record) => ({ ...toRow(record), efficiency: null }));
  }

  async detail(slurmId: string): Promise<JobDetailFields | null> {
    const record = this.#find(slurmId);
    if (!record) return null;
    const row = toRow(record);
    const { arrayTasks: _tasks, source: _source, workDir, ...rest } = row;
    const task = slurmId.includes('_') ? Number(slurmId.split('_')[1]) : null;
    return {
      ...rest,
      slurmId,
      arrayTaskId: task,
      reasonAdvice: null,
      command: posix.join(record.jobDir, jobFiles.script),
      workDir,
      stdoutPath: posix.join(record.jobDir, jobFiles.stdout(task)),
      stderrPath: posix.join(record.jobDir, jobFiles.stderr(task)),
      stdinPath: null,
      requestedTres: null,
      allocatedTres: null,
      priority: null,
      nice: null,
      dependency: record.spec.dependencies.length > 0 ? record.spec.dependencies.map((dependency) => dependency.type).join(',') : null,
      batchHost: 'localhost',
      source: isTerminal(record.state) ? 'history' : 'queue',
      allowedActions: allowedActions(record.state).filter((action) => action === 'cancel'),
    };
  }

  async control(action: QueueAction, slurmIds: readonly string[], signal: JobSignal | undefined): Promise<ControlOutcome[]> {
    if (action !== 'cancel' || signal !== undefined) {
      const what = signal !== undefined ? 'Sending a signal' : `${action[0]!.toUpperCase()}${action.slice(1)}`;
      return slurmIds.map((slurmId) => ({ slurmId, ok: false, message: `${what} needs Slurm; This computer can only cancel its jobs.` }));
    }
    const found = slurmIds.map((slurmId) => ({ slurmId, record: this.#find(slurmId) }));
    const known = found.filter((entry) => entry.record !== undefined);
    if (known.length > 0) await this.deps.cancel([...new Set(known.map((entry) => entry.record!.id))]);
    return found.map(({ slurmId, record }) => ({ slurmId, ok: record !== undefined, message: record ? null : `No job ${slurmId} on This computer.` }));
  }

  async update(slurmId: string): Promise<ControlOutcome> {
    return { slurmId, ok: false, message: 'Changing a queued job needs Slurm (scontrol update); This computer can only cancel its jobs.' };
  }

  async efficiency(): Promise<Unavailable> {
    return { unavailable: 'Efficiency comes from Slurm accounting; This computer does not record CPU time or memory peaks.' };
  }

  async nodes(): Promise<Unavailable> {
    return notHere('Nodes');
  }

  async reservations(): Promise<Unavailable> {
    return notHere('Reservations');
  }

  async priority(): Promise<Unavailable> {
    return notHere('Priorities');
  }

  async fairshare(): Promise<Unavailable> {
    return notHere('Fairshare figures');
  }

  async partition(): Promise<Unavailable> {
    return { unavailable: 'This computer runs only your own jobs: there is no shared partition queue.' };
  }

  #find(slurmId: string): JobRecord | undefined {
    const jobId = slurmId.split('_')[0];
    return this.deps.records().find((record) => record.slurmId === jobId);
  }
}

function toRow(record: JobRecord): QueueRow {
  const limit = record.spec.resources.time === undefined ? null : parseSlurmTime(record.spec.resources.time);
  const started = record.startedAt === null ? null : Date.parse(record.startedAt);
  const ended = record.endedAt === null ? Date.now() : Date.parse(record.endedAt);
  return {
    slurmId: record.slurmId!,
    jobId: record.slurmId!,
    arrayTaskId: null,
    arrayTasks: null,
    name: record.name,
    user: userInfo().username,
    account: null,
    partition: record.spec.resources.partition ?? null,
    qos: null,
    state: record.state,
    reason: record.reason,
    reasonText: describeReason(record.reason),
    submittedAt: record.submittedAt,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    estimatedStartAt: null,
    elapsedSeconds: started === null ? null : Math.max(0, Math.round((ended - started) / 1000)),
    timeLimitSeconds: limit ?? null,
    nodes: record.startedAt === null ? null : 'localhost',
    nodeCount: 1,
    cpus: record.spec.resources.cpusPerTask ?? null,
    requestedMemoryBytes: null,
    workDir: record.jobDir,
    exit: record.exit,
    source: isTerminal(record.state) ? 'history' : 'queue',
  };
}
