import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { isTerminal } from '../../../../shared/jobs/jobState';
import { createLocalFiles } from '../local/localFiles';
import {
  PersistedJobSchema, PersistedTaskSchema, persistedJob, pruneFinished, readStateFile, restoreState, serializeState,
  type Job, type PersistedJob, type PersistedState, type SchedulerState, type Task,
} from './embeddedState';
import { acquireStateLock } from './stateLock';

/**
 * The job list on disk: a snapshot (`embedded-jobs.json`, written whole by an atomic rename) and
 * the changes since (`embedded-jobs.changes-<generation>.jsonl`, appended and flushed per save).
 * A save costs what changed, not what the list holds: rewriting the whole list per change made
 * a thousand submissions next to a large ended array take minutes. Once the changes outgrow the
 * snapshot, a new snapshot of the next generation replaces both; changes of another generation
 * than the snapshot's are never applied, so a crash between the two steps loses nothing.
 */
const ChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('job'), job: PersistedJobSchema }),
  z.object({ op: z.literal('task'), jobId: z.number().int().positive(), task: PersistedTaskSchema }),
  z.object({ op: z.literal('forget'), jobId: z.number().int().positive() }),
  z.object({ op: z.literal('next'), nextJobId: z.number().int().positive() }),
]);

export type StateStoreOptions = {
  /** A new snapshot is written once the changes exceed both the snapshot and this many bytes. */
  compactAfterBytes?: number;
};

export type OpenedStateFolder = {
  state: SchedulerState;
  store: StateStore;
  releaseLock: () => void;
  /** Change lines that could not be read: one cut short by a crash while it was written. */
  skippedChanges: number;
};

type Paths = { dir: string; snapshot: string; changes: (generation: number) => string; changesPrefix: string };

function pathsFor(dir: string, fileName: string): Paths {
  const stem = fileName.replace(/\.json$/, '');
  const changesPrefix = `${stem}.changes-`;
  return { dir, snapshot: join(dir, fileName), changes: (generation) => join(dir, `${changesPrefix}${generation}.jsonl`), changesPrefix };
}

/**
 * Takes the folder for this scheduler: creates it (private to the person), locks it, removes what
 * a crash mid-write left (`.name.<random>.tmp`, changes of an older generation), loads the job list
 * without long-ended jobs and, when it had changes, starts a new generation from it.
 */
export function openStateFolder(dir: string, fileName: string, keepFinishedDays: number, options: StateStoreOptions = {}): OpenedStateFolder {
  for (const folder of [dir, join(dir, 'scripts'), join(dir, 'exit')]) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const releaseLock = acquireStateLock(join(dir, 'lock'));
  try {
    const paths = pathsFor(dir, fileName);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`.${fileName}.`) && name.endsWith('.tmp')) unlinkSync(join(dir, name));
    }
    const { persisted, generation, applied, skipped } = readWithChanges(paths);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(paths.changesPrefix) && join(dir, name) !== paths.changes(generation)) unlinkSync(join(dir, name));
    }
    const loaded = restoreState(persisted);
    const state = { ...loaded, jobs: pruneFinished(loaded.jobs, Date.now() - keepFinishedDays * 86_400_000) };
    const store = new StateStore(paths, generation, state, { ...options, snapshotBytes: sizeOf(paths.snapshot) });
    if (applied + skipped > 0 || state.jobs.length < loaded.jobs.length) store.compactOnOpen(state);
    return { state, store, releaseLock, skippedChanges: skipped };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** The job list as a scheduler would load it, without taking the folder (for looking, e.g. in tests). */
export function readStoredState(dir: string, fileName: string): SchedulerState {
  return restoreState(readWithChanges(pathsFor(dir, fileName)).persisted);
}

function readWithChanges(paths: Paths): { persisted: PersistedState; generation: number; applied: number; skipped: number } {
  const { generation, ...persisted } = readStateFile(paths.snapshot);
  let text: string;
  try {
    text = readFileSync(paths.changes(generation), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { persisted, generation, applied: 0, skipped: 0 };
    throw error;
  }
  return { persisted, generation, ...applyChanges(persisted, text) };
}

/** Applies change lines in order; a line that does not parse was never acknowledged as written. */
function applyChanges(state: PersistedState, text: string): { applied: number; skipped: number } {
  const jobs = new Map(state.jobs.map((job) => [job.jobId, job]));
  const positions = new Map<PersistedJob, Map<number, number>>();
  const positionsOf = (job: PersistedJob) => {
    let found = positions.get(job);
    if (found === undefined) positions.set(job, (found = new Map(job.tasks.map((task, position) => [task.ownId, position]))));
    return found;
  };
  let applied = 0;
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let change: z.infer<typeof ChangeSchema>;
    try {
      change = ChangeSchema.parse(JSON.parse(line));
    } catch {
      skipped += 1;
      continue;
    }
    applied += 1;
    switch (change.op) {
      case 'job':
        jobs.set(change.job.jobId, change.job);
        break;
      case 'task': {
        const job = jobs.get(change.jobId);
        if (job === undefined) break;
        const byOwnId = positionsOf(job);
        const position = byOwnId.get(change.task.ownId);
        if (position !== undefined) job.tasks[position] = change.task;
        else byOwnId.set(change.task.ownId, job.tasks.push(change.task) - 1);
        break;
      }
      case 'forget':
        jobs.delete(change.jobId);
        break;
      case 'next':
        state.nextJobId = change.nextJobId;
        break;
      default:
        return assertNever(change);
    }
  }
  state.jobs = [...jobs.values()];
  return { applied, skipped };
}

/** What a save will write, and how to account for it once it is (or may be) on disk. */
type Batch = { lines: string[]; written: () => void; unsure: () => void };

/**
 * Knows what of the job list is on disk and appends what is not. Only live jobs are compared: a
 * task that ended and was written never changes again, nor does a job all of whose tasks did.
 */
export class StateStore {
  readonly #paths: Paths;
  readonly #compactAfterBytes: number;
  #generation: number;
  #handle: FileHandle | null = null;
  #changesBytes = 0;
  #snapshotBytes = 0;
  /** A failed append may have left part of a line: the next one starts on a fresh line. */
  #tornTail = false;
  #nextJobId: number;
  /** Jobs whose line is on disk, or may be after a failed save ('unsure': written again). */
  readonly #jobs = new Map<number, 'written' | 'unsure'>();
  readonly #settledJobs = new WeakSet<Job>();
  readonly #finalTasks = new WeakSet<Task>();
  /** The last written form of a task that may still change ('' after a failed save: write again). */
  readonly #liveTasks = new WeakMap<Task, string>();

  constructor(paths: Paths, generation: number, state: SchedulerState, options: StateStoreOptions & { snapshotBytes: number }) {
    this.#paths = paths;
    this.#generation = generation;
    this.#compactAfterBytes = options.compactAfterBytes ?? 1024 * 1024;
    this.#snapshotBytes = options.snapshotBytes;
    this.#nextJobId = state.nextJobId;
    this.#markWritten(state.jobs)();
  }

  /** Writes every change made before this call; resolves once it is flushed to disk. */
  async save(table: { nextJobId: number; jobs: ReadonlyMap<number, Job> }): Promise<void> {
    if (this.#changesBytes > Math.max(this.#snapshotBytes, this.#compactAfterBytes)) return this.compact(table);
    const batch = this.#collect(table);
    if (batch.lines.length === 0) return;
    const text = `${this.#tornTail ? '\n' : ''}${batch.lines.join('\n')}\n`;
    try {
      const handle = await this.#changesHandle();
      await handle.appendFile(text);
      await handle.datasync();
    } catch (error) {
      this.#tornTail = true;
      batch.unsure();
      throw error;
    }
    this.#tornTail = false;
    this.#changesBytes += Buffer.byteLength(text);
    batch.written();
  }

  /** Changes were appended since the last snapshot. */
  get hasChanges(): boolean {
    return this.#changesBytes > 0;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  /** At open, before anything else runs: the loaded list becomes the next generation's snapshot. */
  compactOnOpen(state: SchedulerState): void {
    const next = this.#generation + 1;
    const text = serializeState(state, next);
    writeFileAtomicSync(this.#paths.snapshot, text);
    removeQuietly(this.#paths.changes(this.#generation));
    this.#generation = next;
    this.#snapshotBytes = Buffer.byteLength(text);
  }

  #collect(table: { nextJobId: number; jobs: ReadonlyMap<number, Job> }): Batch {
    const lines: string[] = [];
    const written: (() => void)[] = [];
    const unsure: (() => void)[] = [];
    let known = 0;
    for (const job of table.jobs.values()) {
      if (this.#settledJobs.has(job)) {
        known += 1;
        continue;
      }
      const mark = this.#jobs.get(job.jobId);
      if (mark !== undefined) known += 1;
      const withJobLine = mark !== 'written';
      if (withJobLine) {
        lines.push(JSON.stringify({ op: 'job', job: persistedJob(job) }));
        written.push(() => this.#jobs.set(job.jobId, 'written'));
        unsure.push(() => this.#jobs.set(job.jobId, 'unsure'));
      }
      for (const task of job.tasks) {
        if (this.#finalTasks.has(task)) continue;
        const previous = this.#liveTasks.get(task);
        // PENDING is implicit on disk, unless the task was written in another state before.
        if (task.state === 'PENDING' && previous === undefined) continue;
        const json = JSON.stringify(task);
        if (json === previous && !withJobLine) continue;
        if (!withJobLine) lines.push(`{"op":"task","jobId":${job.jobId},"task":${json}}`);
        const final = isTerminal(task.state);
        written.push(() => this.#noteTask(task, final, json));
        unsure.push(() => this.#liveTasks.set(task, ''));
      }
      if (job.unfinished === 0) written.push(() => this.#settledJobs.add(job));
    }
    if (known < this.#jobs.size) {
      for (const jobId of this.#jobs.keys()) {
        if (table.jobs.has(jobId)) continue;
        lines.push(JSON.stringify({ op: 'forget', jobId }));
        written.push(() => this.#jobs.delete(jobId));
      }
    }
    const nextJobId = table.nextJobId;
    if (nextJobId !== this.#nextJobId) {
      lines.push(JSON.stringify({ op: 'next', nextJobId }));
      written.push(() => (this.#nextJobId = nextJobId));
    }
    return { lines, written: () => written.forEach((effect) => effect()), unsure: () => unsure.forEach((effect) => effect()) };
  }

  #noteTask(task: Task, final: boolean, json: string): void {
    if (final) {
      this.#finalTasks.add(task);
      this.#liveTasks.delete(task);
    } else {
      this.#liveTasks.set(task, json);
    }
  }

  /**
   * The whole list as the next generation's snapshot; the changes file of this one goes. Also
   * when the scheduler closes, so a stopped executor leaves a single file.
   */
  async compact(table: { nextJobId: number; jobs: ReadonlyMap<number, Job> }): Promise<void> {
    const jobs = [...table.jobs.values()];
    const nextJobId = table.nextJobId;
    const next = this.#generation + 1;
    const text = serializeState({ nextJobId, jobs }, next);
    const markWritten = this.#markWritten(jobs);
    await createLocalFiles().writeFileAtomic(this.#paths.snapshot, text, 0o600);
    const previous = this.#paths.changes(this.#generation);
    await this.close();
    await unlink(previous).catch(() => {});
    this.#generation = next;
    this.#snapshotBytes = Buffer.byteLength(text);
    this.#changesBytes = 0;
    this.#tornTail = false;
    this.#nextJobId = nextJobId;
    this.#jobs.clear();
    markWritten();
  }

  /** Notes (now) what the given jobs are, to record as on disk once they are. */
  #markWritten(jobs: readonly Job[]): () => void {
    const effects: (() => void)[] = [];
    for (const job of jobs) {
      effects.push(() => this.#jobs.set(job.jobId, 'written'));
      for (const task of job.tasks) {
        if (task.state !== 'PENDING') {
          const final = isTerminal(task.state);
          const json = final ? '' : JSON.stringify(task);
          effects.push(() => this.#noteTask(task, final, json));
        }
      }
      if (job.unfinished === 0) effects.push(() => this.#settledJobs.add(job));
    }
    return () => effects.forEach((effect) => effect());
  }

  /** The changes file, created on first use with its folder entry flushed too. */
  async #changesHandle(): Promise<FileHandle> {
    if (this.#handle !== null) return this.#handle;
    const handle = await open(this.#paths.changes(this.#generation), 'a', 0o600);
    try {
      const folder = await open(this.#paths.dir, 'r');
      await folder.sync().finally(() => folder.close());
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    return handle;
  }
}

/** As ClusterFiles.writeFileAtomic, for the one write made while the folder is being opened. */
function writeFileAtomicSync(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeFileSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Absent: nothing to remove.
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected change ${JSON.stringify(value)}`);
}
