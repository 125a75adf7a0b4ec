import type { ChildProcess } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { join } from 'node:path';
import type { PartitionOverview } from '../../../../shared/clusters/partitionOverview';
import { isTerminal } from '../../../../shared/jobs/jobState';
import { createLogger, type Logger } from '../../log';
import { checkedSlurmJobIds } from '../../slurm/slurmJobIds';
import { createLocalFiles } from '../local/localFiles';
import { SchedulerError, type ClusterFiles, type FinalEntry, type QueueEntry, type Scheduler, type SubmitRequest } from '../types';
import { embeddedPartition } from './embeddedPartition';
import { buildJob, type Job, type Task } from './embeddedState';
import { JobTable, endTask, finalEntryOf, outcomeOf, queueEntryOf, recoverRunning, unstartTask } from './jobTable';
import { schedulingPass } from './schedulingPass';
import { launchRequestFor } from './slurmEnvironment';
import { openStateFolder, type StateStore } from './stateStore';
import { StateWriter } from './stateWriter';
import { checkSubmit } from './submitChecks';
import { LaunchError, launchTask, readExitFile, signalTaskGroup } from './taskProcess';
import { TaskWatch } from './taskWatch';

export type EmbeddedSchedulerOptions = {
  /** Holds the job list, the scripts as submitted and the tasks' exit files. */
  stateDir: string;
  /** CPUs that running tasks may hold together; default: what this computer has. */
  maxCpus?: number;
  /** Between SIGTERM and SIGKILL when a task is cancelled or reaches its time limit (Slurm's KillWait). */
  killGraceMs?: number;
  /** How often a task started by an earlier run of the app is checked. */
  adoptPollMs?: number;
  /** Ended jobs are forgotten this long after they end. */
  keepFinishedDays?: number;
  /** The environment tasks start from (default: the app's). */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** A new snapshot of the job list is written once its changes file outgrows it and this. */
  compactAfterBytes?: number;
};

const stateFileName = 'embedded-jobs.json';

/**
 * "This computer" without Slurm: the same batch scripts, run as local processes with Slurm's
 * environment, arrays, dependencies, time limits and cancel. Tasks run detached from the app and
 * record their own exit status, so they outlive it; a later instance on the same folder adopts
 * them. Every state change is on disk before anything depends on it.
 */
export class EmbeddedScheduler implements Scheduler {
  #commands = 0;
  #closing = false;
  #closed = false;
  #passing: Promise<void> | null = null;
  #passAgain = false;
  readonly #table: JobTable;
  readonly #store: StateStore;
  readonly #writer: StateWriter;
  readonly #watch: TaskWatch;
  readonly #children = new Map<Task, ChildProcess>();
  readonly #releaseLock: () => void;
  readonly #files: ClusterFiles = createLocalFiles();
  /** Files to delete once a state write that no longer needs them has finished. */
  #obsolete: string[] = [];
  /** Jobs whose script copy was deleted (in this run; a restart tries once more, harmlessly). */
  readonly #scriptsRemoved = new Set<number>();
  readonly #dir: string;
  readonly #maxCpus: number;
  readonly #graceMs: number;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: Logger;

  constructor(options: EmbeddedSchedulerOptions) {
    this.#dir = options.stateDir;
    this.#maxCpus = Math.max(1, Math.floor(options.maxCpus ?? availableParallelism()));
    this.#graceMs = options.killGraceMs ?? 5000;
    this.#env = options.env ?? process.env;
    this.#log = options.logger ?? createLogger('scheduler:embedded');
    const opened = openStateFolder(this.#dir, stateFileName, options.keepFinishedDays ?? 60, { compactAfterBytes: options.compactAfterBytes });
    this.#releaseLock = opened.releaseLock;
    this.#store = opened.store;
    this.#table = new JobTable(opened.state);
    if (opened.skippedChanges > 0) this.#log.warn(`${opened.skippedChanges} unreadable line(s) of the job list's changes skipped (a write cut short)`);
    this.#writer = new StateWriter(() => this.#write());
    this.#watch = new TaskWatch(this.#table, {
      graceMs: this.#graceMs,
      pollMs: options.adoptPollMs ?? 250,
      isOwnChild: (task) => this.#children.has(task),
      exitFile: (task) => this.#exitFile(task),
      persist: () => this.#writer.request(),
      finish: (job, task, status) => this.#finish(job, task, status, null, true),
      log: this.#log,
    });
    // Tasks that were running when the app last stopped: live ones are adopted, the others settled.
    const settled = recoverRunning(this.#table, (task) => this.#exitFile(task));
    if (settled.length > 0) this.#removeLater(settled.map((task) => this.#exitFile(task)));
    this.#reschedule();
  }

  get commandCount(): number {
    return this.#commands;
  }

  /** A job waits or runs (or a submission is being recorded): the executor daemon stays up. */
  get busy(): boolean {
    for (const job of this.#table.jobs.values()) if (job.unfinished > 0) return true;
    return false;
  }

  async submit(request: SubmitRequest, signal?: AbortSignal): Promise<string> {
    this.#commands += 1;
    signal?.throwIfAborted();
    if (this.#closing) throw new SchedulerError('scheduler-unreachable', 'The scheduler of This computer is shut down');
    const checked = await checkSubmit(request, this.#table, this.#maxCpus);
    signal?.throwIfAborted();
    const jobId = this.#table.nextJobId;
    // Each task gets its own job id, as Slurm gives each array task one: a block from the array's id.
    this.#table.nextJobId += checked.taskCount;
    const scriptCopy = join(this.#dir, 'scripts', `${jobId}.sh`);
    const job = buildJob({ ...checked.fields, jobId, scriptCopy, submittedAt: Date.now() });
    // In the table at once, so it keeps its place in id order; it runs only once committed.
    this.#table.jobs.set(jobId, job);
    try {
      await this.#files.writeFileAtomic(scriptCopy, checked.script, 0o600);
      await this.#writer.request();
    } catch (error) {
      this.#table.jobs.delete(jobId);
      this.#removeLater([scriptCopy]);
      const why = error instanceof Error ? error.message : String(error);
      throw new SchedulerError('scheduler-unreachable', `This computer could not record the job in ${this.#dir}: ${why}`);
    }
    job.committed = true;
    this.#reschedule();
    return String(jobId);
  }

  async queue(jobIds: readonly string[]): Promise<QueueEntry[]> {
    this.#commands += 1;
    const now = Date.now();
    return this.#table.tasksOf(checkedSlurmJobIds(jobIds))
      .filter(({ task }) => !isTerminal(task.state))
      .map(({ job, task }) => queueEntryOf(job, task, now));
  }

  async settle(jobIds: readonly string[]): Promise<FinalEntry[]> {
    this.#commands += 1;
    return this.#table.tasksOf(checkedSlurmJobIds(jobIds))
      .filter(({ task }) => isTerminal(task.state))
      .map(({ job, task }) => finalEntryOf(job, task));
  }

  /**
   * A pending task ends at once; a running one is marked (on disk) as being cancelled before its
   * process group gets SIGTERM, then SIGKILL after the grace, so it ends CANCELLED even if the
   * app stops in between. Unknown or ended ids are ignored, as scancel does.
   */
  async cancel(jobIds: readonly string[]): Promise<void> {
    this.#commands += 1;
    const now = Date.now();
    const signalled: Task[] = [];
    let changed = false;
    for (const { job, task } of this.#table.tasksOf(checkedSlurmJobIds(jobIds))) {
      if (task.state === 'PENDING') endTask(job, task, { state: 'CANCELLED', exit: null, reason: null }, now);
      else if (task.state === 'RUNNING' && task.intent === null) {
        Object.assign(task, { intent: 'cancel', killAt: now + this.#graceMs });
        signalled.push(task);
      } else continue;
      changed = true;
    }
    if (!changed) return;
    try {
      await this.#writer.request();
    } catch (error) {
      this.#log.error('The cancel could not be recorded before signalling', error);
    }
    // A task still being started has no pid yet: #launch sees the intent instead.
    for (const task of signalled) if (task.pid !== null) signalTaskGroup(task.pid, task.procStart, 'SIGTERM');
    this.#reschedule();
  }

  async findByComment(comment: string): Promise<string | null> {
    this.#commands += 1;
    if (comment === '') return null;
    const found = [...this.#table.jobs.values()].reverse().find((job) => job.comment === comment);
    return found === undefined ? null : String(found.jobId);
  }

  async overview(): Promise<PartitionOverview[]> {
    this.#commands += 1;
    return [embeddedPartition(this.#maxCpus, this.#table.usedCpus())];
  }

  /** Stops timers and watching; running tasks keep running and a later instance adopts them. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#watch.stop();
    await this.#passing;
    await this.#writer.request().catch((error: unknown) => this.#log.error('The job list could not be saved', error));
    await this.#writer.idle();
    this.#closed = true;
    // Everything is appended already: one snapshot is tidier for the next start, not needed by it.
    if (this.#store.hasChanges) await this.#store.compact(this.#table).catch((error: unknown) => this.#log.warn(`The job list stays in two files: ${String(error)}`));
    await this.#store.close().catch((error: unknown) => this.#log.error('The job list could not be closed', error));
    this.#releaseLock();
  }

  /** Runs scheduling passes one at a time; a request during a pass makes it go round again. */
  #reschedule(): void {
    if (this.#closing) return;
    if (this.#passing !== null) {
      this.#passAgain = true;
      return;
    }
    this.#passing = this.#passes()
      .catch((error: unknown) => this.#log.error('Scheduling failed', error))
      .finally(() => {
        this.#passing = null;
        this.#watch.arm();
      });
  }

  async #passes(): Promise<void> {
    do {
      this.#passAgain = false;
      const { started, cancelled } = schedulingPass(this.#table, this.#maxCpus, Date.now());
      if (started.length === 0 && cancelled === 0) continue;
      try {
        // A task is on disk as started before it exists, so a restart never runs it twice.
        await this.#writer.request();
      } catch (error) {
        this.#log.error('The job list could not be saved; tasks wait and are tried again', error);
        for (const { job, task } of started) unstartTask(job, task);
        setTimeout(() => this.#reschedule(), 5000).unref();
        return;
      }
      // A task that ended instead of starting frees its CPUs and may decide its dependents.
      for (const { job, task } of started) if (!this.#launch(job, task)) this.#passAgain = true;
      if (started.length > 0) this.#persistSoon();
    } while (this.#passAgain && !this.#closing);
  }

  /** Spawns a task already recorded as started; false when it ended instead (cancelled, or could not start). */
  #launch(job: Job, task: Task): boolean {
    if (task.intent !== null) {
      // Cancelled while its start was being recorded: it never runs.
      endTask(job, task, { state: 'CANCELLED', exit: null, reason: null }, Date.now());
      return false;
    }
    const exitFile = this.#exitFile(task);
    removeFile(exitFile);
    try {
      const launched = launchTask(launchRequestFor(job, task, exitFile, this.#env));
      const startedAt = Date.now();
      const deadline = job.timeLimitSeconds === null ? null : startedAt + job.timeLimitSeconds * 1000;
      Object.assign(task, { pid: launched.pid, procStart: launched.procStart, startedAt, deadline });
      this.#children.set(task, launched.child);
      launched.child.once('exit', (_code, signal) => {
        this.#children.delete(task);
        if (!this.#closing) this.#finish(job, task, readExitFile(exitFile), signal === null ? null : constants.signals[signal], false);
      });
      return true;
    } catch (error) {
      const reason = error instanceof LaunchError ? error.message : `The task could not start: ${String(error)}`;
      endTask(job, task, { state: 'FAILED', exit: null, reason }, Date.now());
      return false;
    }
  }

  /** A running task ended: record how, forget its exit file once that is on disk, run what can run. */
  #finish(job: Job, task: Task, status: number | null, wrapperSignal: number | null, adopted: boolean): void {
    if (task.state !== 'RUNNING') return;
    endTask(job, task, outcomeOf(task, status, wrapperSignal, adopted), Date.now());
    this.#removeLater([this.#exitFile(task)]);
    this.#reschedule();
  }

  #exitFile(task: Task): string {
    return join(this.#dir, 'exit', String(task.ownId));
  }

  #removeLater(paths: string[]): void {
    this.#obsolete.push(...paths);
    this.#persistSoon();
  }

  #persistSoon(): void {
    this.#writer.request().catch((error: unknown) => this.#log.error('The job list could not be saved', error));
  }

  async #write(): Promise<void> {
    if (this.#closed) return;
    const obsolete = this.#obsolete;
    this.#obsolete = [];
    // However a job ended (ran, cancelled while pending, never satisfied), its script copy goes.
    for (const job of this.#table.jobs.values()) {
      if (job.unfinished === 0 && !this.#scriptsRemoved.has(job.jobId)) {
        this.#scriptsRemoved.add(job.jobId);
        obsolete.push(job.scriptCopy);
      }
    }
    try {
      await this.#store.save(this.#table);
    } catch (error) {
      this.#obsolete.push(...obsolete);
      throw error;
    }
    for (const path of obsolete) removeFile(path);
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (exit files are usually absent before a start: ids are never reused).
  }
}
