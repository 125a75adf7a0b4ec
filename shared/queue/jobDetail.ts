import { z } from 'zod';
import { QueueJobSchema } from './queueJob';

/**
 * Everything `scontrol show job` says about one job (or array task) that a person needs: a queue
 * row's facts plus what runs, where it writes, and what the person can do about the wait. For a
 * job Slurm's controller already forgot, the same fields come from accounting where it exists
 * (`source: 'history'`; command and output paths are then unknown).
 */
export const JobDetailSchema = QueueJobSchema.omit({ arrayTasks: true }).extend({
  /** What the person can change about the wait (lower the time limit, another partition…); null when nothing. */
  reasonAdvice: z.string().nullable(),
  /** The batch script or command as Slurm recorded it. */
  command: z.string().nullable(),
  /** Paths with Slurm's patterns already filled in, as scontrol prints them; null when unknown. */
  stdoutPath: z.string().nullable(),
  stderrPath: z.string().nullable(),
  stdinPath: z.string().nullable(),
  /** `cpu=4,mem=8G,node=1,billing=4,gres/gpu=1` */
  requestedTres: z.string().nullable(),
  allocatedTres: z.string().nullable(),
  priority: z.number().int().min(0).nullable(),
  nice: z.number().int().nullable(),
  dependency: z.string().nullable(),
  batchHost: z.string().nullable(),
  /** What a person may change with queue.control / queue.update now (pending jobs allow the most). */
  allowedActions: z.array(z.enum(['cancel', 'signal', 'hold', 'release', 'requeue', 'update'])),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;
