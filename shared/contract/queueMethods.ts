import { z } from 'zod';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { PartitionSchema, SlurmJobIdSchema } from '../jobs/slurmValues';
import { AvailabilitySchema, FairshareSchema, JobPrioritySchema, NodeInfoSchema, ReservationSchema } from '../queue/clusterResources';
import { JobEfficiencySchema } from '../queue/efficiency';
import { JobDetailSchema } from '../queue/jobDetail';
import { ControlOutcomeSchema, JobSignalSchema, QueueActionSchema, QueueJobIdsSchema, QueueUpdateSchema } from '../queue/queueControl';
import { AccountingStatusSchema, HistoryWindowSchema, QueueJobSchema, QueueStatusSchema } from '../queue/queueJob';
import { event, method } from './define';
import { LogChunkSchema } from './jobsMethods';

const JobInCluster = { cluster: ClusterNameSchema, slurmId: SlurmJobIdSchema };

/**
 * The cluster's view of the person's jobs, whoever submitted them (a terminal sbatch, another
 * tool, this app): the live queue, finished jobs from accounting, any job's details, logs,
 * control, efficiency, nodes, reservations and priority. Read from one refresh per cluster that
 * the windows steer with queue.watch; nothing here polls on its own.
 */
export const queueMethods = {
  'queue.watch': method({
    summary:
      'Which clusters the windows show and whether a window is visible: steers the refresh (quick while visible and something is active, slow when idle or hidden, none for clusters nobody watches). The last call wins; an empty list stops refreshing.',
    params: z.strictObject({
      clusters: z.array(ClusterNameSchema).max(64),
      visible: z.boolean(),
      history: HistoryWindowSchema.default('today'),
    }),
    result: z.strictObject({ statuses: z.array(QueueStatusSchema) }),
  }),
  'queue.list': method({
    summary:
      "A cluster's queue of the signed-in user's jobs (squeue --me) plus finished ones from accounting for the window, newest first, from the last refresh (or one refresh now when there is none yet).",
    params: z.strictObject({
      cluster: ClusterNameSchema,
      history: HistoryWindowSchema.default('today'),
      /** One row per array task instead of one per array (pending tasks Slurm groups are expanded). */
      unrollArrays: z.boolean().default(false),
      /** `outside-app` leaves out jobs this app submitted (the Jobs table shows its own record for them). */
      sources: z.enum(['all', 'outside-app']).default('all'),
      /** Read the scheduler now instead of answering from the last refresh. */
      refresh: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(20_000).default(5000),
    }),
    result: z.strictObject({ status: QueueStatusSchema, jobs: z.array(QueueJobSchema), total: z.number().int().min(0) }),
  }),
  'queue.job': method({
    summary: 'Everything Slurm knows of one job or array task (scontrol show job; accounting once Slurm forgot it), with the wait in words and efficiency once it ended.',
    params: z.strictObject(JobInCluster),
    result: JobDetailSchema,
  }),
  'queue.logs': method({
    summary: "A piece of any job's StdOut or StdErr (the paths Slurm reports) by byte offset: tail, page back, follow; same limits as jobs.logs.",
    params: z.strictObject({
      ...JobInCluster,
      stream: z.enum(['stdout', 'stderr']).default('stdout'),
      offset: z.number().int().min(0).optional(),
      length: z.number().int().min(1).max(1024 * 1024).optional(),
      tail: z.boolean().default(false),
    }),
    result: LogChunkSchema.extend({ path: z.string() }),
  }),
  'queue.control': method({
    summary:
      'Cancel (optionally only sending a signal), hold, release or requeue jobs of this cluster, whoever submitted them; each job answers on its own; every call is audited.',
    params: z.strictObject({
      cluster: ClusterNameSchema,
      slurmIds: QueueJobIdsSchema,
      action: QueueActionSchema,
      /** Only with `cancel`: deliver this signal instead of ending the job. */
      signal: JobSignalSchema.optional(),
    }),
    result: z.strictObject({ outcomes: z.array(ControlOutcomeSchema) }),
  }),
  'queue.update': method({
    summary: "Change what scontrol update allows a user: time limit (down only), name, partition (while pending), dependency, nice; audited.",
    params: z.strictObject({ ...JobInCluster, changes: QueueUpdateSchema }),
    result: ControlOutcomeSchema,
  }),
  'queue.efficiency': method({
    summary: 'Efficiency of finished jobs (seff-like: time, CPU, memory peak, GPUs, plain hints), in one sacct call for up to 1,000 jobs.',
    params: z.strictObject({ cluster: ClusterNameSchema, slurmIds: QueueJobIdsSchema }),
    result: z.strictObject({
      accounting: AccountingStatusSchema,
      jobs: z.array(z.strictObject({ slurmId: z.string(), state: z.string(), efficiency: JobEfficiencySchema })),
    }),
  }),
  'queue.nodes': method({
    summary: "The cluster's nodes (scontrol show node): state, reason, CPUs, memory and GPUs used and free; optionally one partition's.",
    params: z.strictObject({ cluster: ClusterNameSchema, partition: PartitionSchema.optional() }),
    result: z.strictObject({ availability: AvailabilitySchema, fetchedAt: z.string(), nodes: z.array(NodeInfoSchema) }),
  }),
  'queue.reservations': method({
    summary: "The cluster's reservations (scontrol show reservation).",
    params: z.strictObject({ cluster: ClusterNameSchema }),
    result: z.strictObject({ availability: AvailabilitySchema, reservations: z.array(ReservationSchema) }),
  }),
  'queue.priority': method({
    summary: "Priority parts of the person's pending jobs (sprio) and their accounts' fairshare (sshare), where the site allows.",
    params: z.strictObject({ cluster: ClusterNameSchema }),
    result: z.strictObject({
      priority: AvailabilitySchema,
      jobs: z.array(JobPrioritySchema),
      fairshare: AvailabilitySchema,
      shares: z.array(FairshareSchema),
    }),
  }),
  'queue.partition': method({
    summary: "Every user's jobs in one partition (read-only: no control is offered for others' jobs), one squeue call.",
    params: z.strictObject({
      cluster: ClusterNameSchema,
      partition: PartitionSchema,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(20_000).default(5000),
    }),
    result: z.strictObject({ fetchedAt: z.string(), jobs: z.array(QueueJobSchema), total: z.number().int().min(0) }),
  }),
};

export const queueEvents = {
  'queue.changed': event({
    summary:
      "A refresh changed a cluster's queue: the rows that are new or different (as queue.list with unrolled arrays would give them, at most 5,000; `complete: false` means more changed, so re-list) and the ids that left.",
    payload: z.strictObject({
      status: QueueStatusSchema,
      changed: z.array(QueueJobSchema).max(5000),
      removed: z.array(z.string()).max(20_000),
      complete: z.boolean(),
    }),
  }),
  'queue.status': event({
    summary: "A cluster's queue status changed without its rows changing (unreachable, accounting found absent, refresh interval).",
    payload: QueueStatusSchema,
  }),
};
