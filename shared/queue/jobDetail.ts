import { z } from 'zod';
import { ExitStatusSchema } from '../jobs/jobRecord';
import { JobIdSchema } from '../jobs/jobSpec';
import { JobStateSchema } from '../jobs/jobState';
import { JobEfficiencySchema } from './efficiency';

/**
 * Everything `scontrol show job` says about one job (or array task) that a person needs: what
 * runs, where, with what, and why it waits. For a job Slurm already forgot, the same fields come
 * from accounting where it exists (`source: 'history'`).
 */
export const JobDetailSchema = z.strictObject({
  cluster: z.string(),
  slurmId: z.string(),
  jobId: z.string(),
  arrayTaskId: z.number().int().min(0).nullable(),
  name: z.string(),
  user: z.string(),
  account: z.string().nullable(),
  partition: z.string().nullable(),
  qos: z.string().nullable(),
  state: JobStateSchema,
  reason: z.string().nullable(),
  reasonText: z.string().nullable(),
  /** What the person can change about the wait (lower the time limit, another partition…); null when nothing. */
  reasonAdvice: z.string().nullable(),
  /** The batch script or command as Slurm recorded it. */
  command: z.string().nullable(),
  workDir: z.string().nullable(),
  /** Paths with Slurm's patterns already filled in, as scontrol prints them; null when unknown. */
  stdoutPath: z.string().nullable(),
  stderrPath: z.string().nullable(),
  stdinPath: z.string().nullable(),
  nodes: z.string().nullable(),
  nodeCount: z.number().int().min(0).nullable(),
  cpus: z.number().int().min(0).nullable(),
  requestedMemoryBytes: z.number().min(0).nullable(),
  /** `cpu=4,mem=8G,node=1,billing=4,gres/gpu=1` */
  requestedTres: z.string().nullable(),
  allocatedTres: z.string().nullable(),
  timeLimitSeconds: z.number().int().min(0).nullable(),
  elapsedSeconds: z.number().int().min(0).nullable(),
  submittedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  estimatedStartAt: z.string().nullable(),
  priority: z.number().int().min(0).nullable(),
  nice: z.number().int().nullable(),
  dependency: z.string().nullable(),
  exit: ExitStatusSchema.nullable(),
  batchHost: z.string().nullable(),
  appJobId: JobIdSchema.nullable(),
  source: z.enum(['queue', 'history']),
  efficiency: JobEfficiencySchema.nullable(),
  /** What a person may change with queue.control / queue.update now (pending jobs allow the most). */
  allowedActions: z.array(z.enum(['cancel', 'signal', 'hold', 'release', 'requeue', 'update'])),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;
