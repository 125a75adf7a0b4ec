import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseArrayRange } from '../../../../shared/jobs/arrayRange';
import { dependencyTypes } from '../../../../shared/jobs/jobSpec';
import { JobStateSchema, isTerminal, type JobState } from '../../../../shared/jobs/jobState';
import { SchedulerError, type ExitStatus } from '../types';

/** Why the scheduler is ending a running task: recorded (and persisted) before the first signal. */
export type KillIntent = 'cancel' | 'timeout';

/** One process the scheduler runs: a plain job has one task, an array one per index. */
export type Task = {
  /** The array index; null for a job that is not an array. */
  index: number | null;
  /** The task's own job id (SLURM_JOB_ID): the job's id for a plain job and for an array's first task. */
  ownId: number;
  state: JobState;
  reason: string | null;
  /** The wrapper's pid, also the task's process group; null before the spawn (or for a pending task). */
  pid: number | null;
  /** The process's start time, so a reused pid is never taken for the task. */
  procStart: string | null;
  startedAt: number | null;
  endedAt: number | null;
  /** When the time limit ends the task (ms since the epoch), or null when unlimited. */
  deadline: number | null;
  intent: KillIntent | null;
  /** When SIGKILL follows the SIGTERM of a cancel or timeout. */
  killAt: number | null;
  exit: ExitStatus | null;
};

export type Job = {
  jobId: number;
  clientId: string;
  name: string;
  comment: string;
  /** sbatch keeps the script as submitted; so does this scheduler, in its state folder. */
  scriptCopy: string;
  workdir: string;
  stdoutPath: string;
  stderrPath: string;
  cpusPerTask: number;
  ntasks: number;
  partition: string;
  timeLimitSeconds: number | null;
  /** The --array text; null for a plain job. */
  array: string | null;
  maxParallel: number | null;
  /** Each target as `123` (a whole job or array) or `123_4` (one task), resolved at submit. */
  dependencies: { type: (typeof dependencyTypes)[number]; slurmId: string }[];
  submittedAt: number;
  tasks: Task[];
  // Kept in memory only, rebuilt on load.
  pendingReason: string | null;
  /** Tasks before this position have all left PENDING (they never return to it). */
  cursor: number;
  unfinished: number;
  running: number;
  /** False until submit has persisted the job: nothing runs a job that a crash could forget. */
  committed: boolean;
};

export type SchedulerState = { nextJobId: number; jobs: Job[] };

const ExitSchema = z.object({ code: z.number().int(), signal: z.number().int() });

export const PersistedTaskSchema = z.object({
  index: z.number().int().nullable(),
  ownId: z.number().int().positive(),
  state: JobStateSchema,
  reason: z.string().nullable(),
  pid: z.number().int().positive().nullable(),
  procStart: z.string().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  deadline: z.number().nullable(),
  intent: z.enum(['cancel', 'timeout']).nullable(),
  killAt: z.number().nullable(),
  exit: ExitSchema.nullable(),
});

export const PersistedJobSchema = z.object({
  jobId: z.number().int().positive(),
  clientId: z.string(),
  name: z.string(),
  comment: z.string(),
  scriptCopy: z.string(),
  workdir: z.string(),
  stdoutPath: z.string(),
  stderrPath: z.string(),
  cpusPerTask: z.number().int().positive(),
  ntasks: z.number().int().positive(),
  partition: z.string(),
  timeLimitSeconds: z.number().nonnegative().nullable(),
  array: z.string().nullable(),
  maxParallel: z.number().int().positive().nullable(),
  dependencies: z.array(z.object({ type: z.enum(dependencyTypes), slurmId: z.string() })),
  submittedAt: z.number(),
  /** Only tasks that left PENDING: pending ones are implied by the range, so a large array stays small on disk. */
  tasks: z.array(PersistedTaskSchema),
});

/** `generation` names the changes file that continues this snapshot (see stateStore.ts); absent in older files. */
const StateFileSchema = z.object({
  version: z.literal(1),
  generation: z.number().int().nonnegative().default(0),
  nextJobId: z.number().int().positive(),
  jobs: z.array(PersistedJobSchema),
});
export type PersistedJob = z.infer<typeof PersistedJobSchema>;
/** The job list as stored: jobs without their PENDING tasks and without what is rebuilt on load. */
export type PersistedState = { nextJobId: number; jobs: PersistedJob[] };

export function pendingTask(index: number | null, ownId: number): Task {
  return {
    index, ownId, state: 'PENDING', reason: null, pid: null, procStart: null, startedAt: null, endedAt: null,
    deadline: null, intent: null, killAt: null, exit: null,
  };
}

/** Array indices of a job (a single null for a plain job); the range was validated at submit. */
export function taskIndices(array: string | null): (number | null)[] {
  if (array === null) return [null];
  const parsed = parseArrayRange(array);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed.indices;
}

/** A job's tasks, all PENDING: own ids are a block starting at the job's id, in index order. */
export function buildJob(fields: Omit<Job, 'tasks' | 'pendingReason' | 'cursor' | 'unfinished' | 'running' | 'committed'>): Job {
  const tasks = taskIndices(fields.array).map((index, position) => pendingTask(index, fields.jobId + position));
  return { ...fields, tasks, pendingReason: null, cursor: 0, unfinished: tasks.length, running: 0, committed: false };
}

function restoreJob(persisted: PersistedJob): Job {
  const { tasks: stored, ...fields } = persisted;
  const job = buildJob(fields);
  const byOwnId = new Map(job.tasks.map((task, position) => [task.ownId, position]));
  for (const task of stored) {
    const position = byOwnId.get(task.ownId);
    if (position !== undefined) job.tasks[position] = task;
  }
  job.committed = true;
  job.unfinished = job.tasks.filter((task) => !isTerminal(task.state)).length;
  job.running = job.tasks.filter((task) => task.state === 'RUNNING').length;
  return job;
}

/** A job as stored: PENDING tasks left implicit, so a large array stays small on disk. */
export function persistedJob(job: Job): PersistedJob {
  return {
    jobId: job.jobId, clientId: job.clientId, name: job.name, comment: job.comment, scriptCopy: job.scriptCopy,
    workdir: job.workdir, stdoutPath: job.stdoutPath, stderrPath: job.stderrPath, cpusPerTask: job.cpusPerTask,
    ntasks: job.ntasks, partition: job.partition, timeLimitSeconds: job.timeLimitSeconds, array: job.array,
    maxParallel: job.maxParallel, dependencies: job.dependencies, submittedAt: job.submittedAt,
    tasks: job.tasks.filter((task) => task.state !== 'PENDING'),
  };
}

/** The state file's content, PENDING tasks left implicit. */
export function serializeState(state: SchedulerState, generation = 0): string {
  return `${JSON.stringify({ version: 1, generation, nextJobId: state.nextJobId, jobs: state.jobs.map(persistedJob) })}\n`;
}

/**
 * Reads the state file (written whole by an atomic rename, so it is never half-written). Absent
 * means a fresh scheduler; unreadable means something else wrote it, and guessing would reuse job
 * ids the engine still tracks, so it stops with the path to look at.
 */
export function readStateFile(path: string): PersistedState & { generation: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { nextJobId: 1, jobs: [], generation: 0 };
    throw error;
  }
  try {
    const { nextJobId, jobs, generation } = StateFileSchema.parse(JSON.parse(text));
    return { nextJobId, jobs, generation };
  } catch {
    throw new SchedulerError('scheduler-unreachable', `The job list of This computer (${path}) is damaged; move it away to start with an empty list`);
  }
}

/** The jobs as the scheduler works with them, in id order. */
export function restoreState(persisted: PersistedState): SchedulerState {
  return { nextJobId: persisted.nextJobId, jobs: persisted.jobs.map(restoreJob).sort((a, b) => a.jobId - b.jobId) };
}

export function loadState(path: string): SchedulerState {
  return restoreState(readStateFile(path));
}

/**
 * Forgets jobs that ended before `before`, unless a job still waiting depends on them. Slurm's
 * controller forgets ended jobs too; the engine has settled them long before.
 */
export function pruneFinished(jobs: Job[], before: number): Job[] {
  const needed = new Set<string>();
  for (const job of jobs) {
    if (job.unfinished > 0) for (const dependency of job.dependencies) needed.add(dependency.slurmId.split('_')[0]!);
  }
  return jobs.filter((job) => {
    if (job.unfinished > 0 || needed.has(String(job.jobId))) return true;
    const lastEnd = job.tasks.reduce((latest, task) => Math.max(latest, task.endedAt ?? 0), job.submittedAt);
    return lastEnd >= before;
  });
}
