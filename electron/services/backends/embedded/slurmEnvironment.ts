import { hostname, userInfo } from 'node:os';
import type { Job, Task } from './embeddedState';
import type { LaunchRequest } from './taskProcess';

/** What a running task knows about itself, as Slurm would tell it. */
export type TaskIdentity = {
  /** The task's own job id (SLURM_JOB_ID, %j). */
  ownId: number;
  /** The job's id; for an array, the array's id (%A). */
  jobId: number;
  name: string;
  /** The array index, or null for a job that is not an array. */
  arrayIndex: number | null;
  /** Every index of the array (sorted), empty for a plain job. */
  arrayIndices: readonly number[];
  cpusPerTask: number;
  ntasks: number;
  partition: string;
  workdir: string;
};

// What slurmd substitutes for %a in a job that is not an array (NO_VAL).
const noArrayIndex = '4294967294';

/** The short host name, as Slurm names nodes. */
export function nodeName(): string {
  return hostname().split('.')[0] || 'localhost';
}

/**
 * Slurm's filename pattern (`--output`): %A array id, %a task index, %j the task's own job id,
 * %x job name, %u user, %N node, %% a percent sign; a number after % zero-pads (`%4a`). Anything
 * else is left as written, as sbatch does.
 */
export function expandFilenamePattern(pattern: string, task: TaskIdentity): string {
  return pattern.replace(/%(\d{0,2})([AajxuN%])/g, (_match, width: string, letter: string) => {
    const pad = (value: string) => (width === '' ? value : value.padStart(Number(width), '0'));
    switch (letter) {
      case 'A':
        return pad(String(task.jobId));
      case 'a':
        return task.arrayIndex === null ? noArrayIndex : pad(String(task.arrayIndex));
      case 'j':
        return pad(String(task.ownId));
      case 'x':
        return task.name;
      case 'u':
        return userInfo().username;
      case 'N':
        return nodeName();
      default:
        return '%';
    }
  });
}

/** The step between array indices when they form one arithmetic run (Slurm's `0-9:3`), else 1. */
function arrayStep(indices: readonly number[]): number {
  if (indices.length < 2) return 1;
  const step = indices[1]! - indices[0]!;
  return indices.every((index, position) => position === 0 || index - indices[position - 1]! === step) ? step : 1;
}

/**
 * The app's environment with the variables slurmd sets for a batch script. SLURM_* inherited from
 * the app (it may itself run inside a Slurm job) are dropped first, so a script never sees another
 * job's ids. Array variables are set only for arrays, as in Slurm.
 */
export function slurmEnvironment(base: NodeJS.ProcessEnv, task: TaskIdentity): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!key.startsWith('SLURM_') && !key.startsWith('SLURMD_') && value !== undefined) env[key] = value;
  }
  const node = nodeName();
  const cpusOnNode = String(task.cpusPerTask * task.ntasks);
  Object.assign(env, {
    SLURM_JOB_ID: String(task.ownId),
    SLURM_JOBID: String(task.ownId),
    SLURM_JOB_NAME: task.name,
    SLURM_CPUS_PER_TASK: String(task.cpusPerTask),
    SLURM_CPUS_ON_NODE: cpusOnNode,
    SLURM_JOB_CPUS_PER_NODE: cpusOnNode,
    SLURM_NTASKS: String(task.ntasks),
    SLURM_NPROCS: String(task.ntasks),
    SLURM_JOB_NUM_NODES: '1',
    SLURM_NNODES: '1',
    SLURM_NODELIST: node,
    SLURM_JOB_NODELIST: node,
    SLURMD_NODENAME: node,
    SLURM_SUBMIT_HOST: node,
    SLURM_JOB_PARTITION: task.partition,
    SLURM_CLUSTER_NAME: 'embedded',
    SLURM_SUBMIT_DIR: task.workdir,
    ENVIRONMENT: 'BATCH',
  });
  if (task.arrayIndex !== null) {
    const indices = task.arrayIndices;
    Object.assign(env, {
      SLURM_ARRAY_JOB_ID: String(task.jobId),
      SLURM_ARRAY_TASK_ID: String(task.arrayIndex),
      SLURM_ARRAY_TASK_COUNT: String(indices.length),
      SLURM_ARRAY_TASK_MIN: String(indices[0]),
      SLURM_ARRAY_TASK_MAX: String(indices[indices.length - 1]),
      SLURM_ARRAY_TASK_STEP: String(arrayStep(indices)),
    });
  }
  return env;
}

/** Everything a task is started with: the script as submitted, its files and its environment. */
export function launchRequestFor(job: Job, task: Task, exitFile: string, baseEnv: NodeJS.ProcessEnv): LaunchRequest {
  const identity: TaskIdentity = {
    ownId: task.ownId,
    jobId: job.jobId,
    name: job.name,
    arrayIndex: task.index,
    arrayIndices: job.array === null ? [] : job.tasks.map((each) => each.index ?? 0),
    cpusPerTask: job.cpusPerTask,
    ntasks: job.ntasks,
    partition: job.partition,
    workdir: job.workdir,
  };
  return {
    scriptPath: job.scriptCopy,
    workdir: job.workdir,
    stdoutPath: expandFilenamePattern(job.stdoutPath, identity),
    stderrPath: expandFilenamePattern(job.stderrPath, identity),
    exitFile,
    env: slurmEnvironment(baseEnv, identity),
  };
}
