import type { PartitionOverview } from '../../../shared/clusters/partitionOverview';
import { AppError } from '../../../shared/errors';
import type { Dependency, JobId, Resources } from '../../../shared/jobs/jobSpec';
import type { JobState } from '../../../shared/jobs/jobState';

/**
 * What the job engine needs of a place that runs jobs. Three implementations: `local` (Slurm on
 * this machine), `ssh` (a remote Slurm) and `embedded` ("This computer" without Slurm). The engine
 * never knows which one it talks to.
 */
export interface Backend {
  readonly kind: 'embedded' | 'local' | 'ssh';
  readonly files: ClusterFiles;
  readonly scheduler: Scheduler;
  /** Runs programs where the jobs run (checks such as "is this interpreter there?"). */
  readonly runner: CommandRunner;
  close(): Promise<void>;
}

export type CommandResult = { stdout: string; stderr: string; exitCode: number };
export type RunOptions = { timeoutMs?: number; signal?: AbortSignal; stdin?: string };

/**
 * Runs a program by argv. Local runners use execFile (never a shell); a remote runner quotes every
 * argument for the remote shell. A non-zero exit is a result, not a throw; failing to start is a throw.
 */
export interface CommandRunner {
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

export type FileStat = { size: number; mtimeMs: number; isDirectory: boolean; mode: number };
/** `isLink`: the entry itself is a symbolic link (its other fields describe the link, not its target). */
export type FileEntry = { name: string; isLink?: boolean } & FileStat;
/** Who owns a path (links followed) and its full mode: what the job folder checks judge. */
export type FileOwnership = { uid: number; mode: number; isDirectory: boolean };

/** Files on the machine where jobs run (the cluster's shared filesystem, or this computer). */
export interface ClusterFiles {
  homeDir(): Promise<string>;
  /** Creates the folder and its parents; `mode` applies to folders it creates. */
  mkdir(path: string, mode: number): Promise<void>;
  /** Writes to a temporary name in the same folder, then renames: readers never see half a file. */
  writeFileAtomic(path: string, data: string | Uint8Array, mode: number): Promise<void>;
  /** The bytes in [offset, offset+length), fewer at end of file; null when the file does not exist. */
  readFile(path: string, range?: { offset: number; length: number }): Promise<Uint8Array | null>;
  stat(path: string): Promise<FileStat | null>;
  /** Owner and mode of what `path` leads to (links followed), or null when nothing is there. */
  ownership(path: string): Promise<FileOwnership | null>;
  list(path: string): Promise<FileEntry[]>;
  /** The path with every link resolved (where a link really leads), or null when nothing is there. */
  realPath(path: string): Promise<string | null>;
  /**
   * Copies a local file to the cluster in a stream (large inputs over SSH), atomically, reporting
   * progress. Where absent (files on this computer) uploads read the file and write it whole.
   */
  uploadFrom?(localPath: string, remotePath: string, mode: number, options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal }): Promise<void>;
}

export type UploadProgress = { transferred: number; total: number; bytesPerSecond: number };

/** One submission, already validated, with every path absolute on the cluster. */
export type SubmitRequest = {
  clientId: JobId;
  name: string;
  /** The batch script (job.sh) in the job folder. */
  scriptPath: string;
  workdir: string;
  /** Slurm filename patterns: %A array job id, %a task id, %j job id. */
  stdoutPath: string;
  stderrPath: string;
  resources: Resources;
  /** The --array value (`0-99%5`), or null. */
  array: string | null;
  dependencies: { type: Dependency['type']; slurmId: string }[];
  /** Travels in --comment so a job can be found again after a crash. */
  comment: string;
};

export type ExitStatus = { code: number; signal: number };

/** A row of the queue: a job, or one task of an array (pending tasks may be grouped by Slurm). */
export type QueueEntry = {
  /** `123`, or `123_4` for an array task. */
  slurmId: string;
  /** The array's job id for tasks, else the job's own id. */
  jobId: string;
  arrayTaskId: number | null;
  state: JobState;
  reason: string | null;
  elapsedSeconds: number | null;
  timeLimitSeconds: number | null;
  nodes: string | null;
};

/** What a job (or task) that left the queue ended as. */
export type FinalEntry = {
  slurmId: string;
  jobId: string;
  arrayTaskId: number | null;
  state: JobState;
  exit: ExitStatus | null;
  reason: string | null;
  startedAt: string | null;
  endedAt: string | null;
};

export interface Scheduler {
  /** Submits and returns the scheduler's job id (the array's id for an array). */
  submit(request: SubmitRequest, signal?: AbortSignal): Promise<string>;
  /** One scheduler command for all the given job ids, whatever their number. */
  queue(jobIds: readonly string[]): Promise<QueueEntry[]>;
  /** One scheduler command: final states of jobs no longer queued (ids it knows nothing of are absent). */
  settle(jobIds: readonly string[]): Promise<FinalEntry[]>;
  cancel(jobIds: readonly string[]): Promise<void>;
  /** The job id carrying exactly this comment, if the scheduler still knows it (crash recovery). */
  findByComment(comment: string): Promise<string | null>;
  /** One scheduler command: the partitions, their node states, free CPUs and GPUs, time limits. */
  overview(): Promise<PartitionOverview[]>;
  /** How many scheduler commands this instance has issued: refreshes are counted against it. */
  readonly commandCount: number;
}

/** A failure the scheduler reported (sbatch refused a partition, squeue could not reach slurmctld…). */
export class SchedulerError extends AppError {
  override name = 'SchedulerError';
  constructor(code: 'scheduler-rejected' | 'scheduler-unreachable' | 'scheduler-output', message: string) {
    super(code, message);
  }
}
