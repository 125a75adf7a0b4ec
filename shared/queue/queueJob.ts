import { z } from 'zod';
import { ExitStatusSchema } from '../jobs/jobRecord';
import { JobIdSchema } from '../jobs/jobSpec';
import { JobStateSchema } from '../jobs/jobState';
import { JobEfficiencySchema } from './efficiency';

/** How far back finished jobs come from accounting: none, since midnight, or the last 7 or 30 days. */
export const historyWindows = ['none', 'today', '7d', '30d'] as const;
export const HistoryWindowSchema = z.enum(historyWindows);
export type HistoryWindow = z.infer<typeof HistoryWindowSchema>;

/**
 * Whether the cluster keeps job accounting (slurmdbd behind sacct). `unknown` until the first
 * history read answered; `unavailable` carries the words to show instead of a history table;
 * `not-slurm` for This computer, whose executor keeps its own short history.
 */
export const AccountingStatusSchema = z.strictObject({
  state: z.enum(['unknown', 'available', 'unavailable', 'not-slurm']),
  message: z.string().nullable(),
});
export type AccountingStatus = z.infer<typeof AccountingStatusSchema>;

/**
 * One row of a person's queue: a job, or one array task when arrays are unrolled. Built from
 * `squeue --me` (live rows, `source: 'queue'`) and `sacct` (finished rows, `source: 'history'`).
 * A job this app submitted carries its `appJobId`: the Jobs table shows the app's richer record
 * for it and this row only adds what Slurm knows, so nothing is listed twice.
 */
export const QueueJobSchema = z.strictObject({
  cluster: z.string(),
  /** `123`, `123_4` for one array task, or `123_[5-9]` for pending tasks still grouped. */
  slurmId: z.string(),
  /** The array's id for tasks, else the job's own id. */
  jobId: z.string(),
  arrayTaskId: z.number().int().min(0).nullable(),
  /** Pending tasks Slurm still holds as one row (`5-9%2`), when arrays are not unrolled. */
  arrayTasks: z.string().nullable(),
  name: z.string(),
  user: z.string(),
  account: z.string().nullable(),
  partition: z.string().nullable(),
  qos: z.string().nullable(),
  state: JobStateSchema,
  /** Slurm's reason word as printed (`Resources`, `JobHeldUser`); null when none. */
  reason: z.string().nullable(),
  /** The reason in words a researcher understands. */
  reasonText: z.string().nullable(),
  submittedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** While pending: when Slurm's backfill expects it to start (`squeue --start`), if it has a guess. */
  estimatedStartAt: z.string().nullable(),
  elapsedSeconds: z.number().int().min(0).nullable(),
  /** Null: no limit. */
  timeLimitSeconds: z.number().int().min(0).nullable(),
  /** Node list as Slurm compresses it (`n[01-04]`); null while pending. */
  nodes: z.string().nullable(),
  nodeCount: z.number().int().min(0).nullable(),
  cpus: z.number().int().min(0).nullable(),
  /** Memory asked for, in bytes (per node times nodes, or per CPU times CPUs). */
  requestedMemoryBytes: z.number().min(0).nullable(),
  workDir: z.string().nullable(),
  exit: ExitStatusSchema.nullable(),
  source: z.enum(['queue', 'history']),
  /** Set when this app submitted the job: its own record wins wherever both are shown. */
  appJobId: JobIdSchema.nullable(),
  /** For finished jobs from accounting; null while it runs or where accounting is absent. */
  efficiency: JobEfficiencySchema.nullable(),
});
export type QueueJob = z.infer<typeof QueueJobSchema>;

/** Where a cluster's queue stands: when it was last read, whether that worked, and how often it is read now. */
export const QueueStatusSchema = z.strictObject({
  cluster: z.string(),
  /** ISO 8601 of the last answer from the scheduler; null before the first. */
  fetchedAt: z.string().nullable(),
  reachable: z.boolean(),
  /** What failed and what to do, when the last read failed. */
  message: z.string().nullable(),
  accounting: AccountingStatusSchema,
  history: HistoryWindowSchema,
  /** How long until the next read; null when the queue is not being refreshed (nothing watched). */
  refreshIntervalMs: z.number().int().min(0).nullable(),
  /** Scheduler commands the queue issued for this cluster since the app started (a good-citizen gauge). */
  schedulerCommands: z.number().int().min(0),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;
