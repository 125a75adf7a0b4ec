import { z } from 'zod';
import { JobIdSchema, JobSpecSchema } from './jobSpec';
import { JobStateSchema } from './jobState';

/**
 * Exit status as Slurm reports it (`3:0` → code 3, signal 0). For a finished array: 0 when every
 * task exited 0, else the worst task's, whose index is `task`.
 */
export const ExitStatusSchema = z.strictObject({ code: z.number().int(), signal: z.number().int(), task: z.number().int().min(0).optional() });
export type ExitStatus = z.infer<typeof ExitStatusSchema>;

/** Counts of array tasks per state, kept with the parent so a 10,000-task array stays one record. */
export const TaskCountsSchema = z.partialRecord(JobStateSchema, z.number().int().min(0));

export const JobRecordSchema = z.strictObject({
  id: JobIdSchema,
  name: z.string(),
  cluster: z.string(),
  /** The scheduler's id once sbatch answered. */
  slurmId: z.string().nullable(),
  state: JobStateSchema,
  /** Raw Slurm reason (Resources, Dependency…) or the app's reason for SUBMIT_FAILED / LOST. */
  reason: z.string().nullable(),
  exit: ExitStatusSchema.nullable(),
  /** The job folder on the cluster. */
  jobDir: z.string(),
  submittedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Null unless the job is an array. */
  tasks: z.strictObject({ total: z.number().int(), counts: TaskCountsSchema }).nullable(),
  /** Set when the person asked to cancel: a task that vanishes afterwards was cancelled, not lost. */
  cancelRequestedAt: z.string().nullable(),
  spec: JobSpecSchema,
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

/**
 * A record without its spec: what lists and change events carry. The few spec facts a job list
 * shows are copied out, so a list of 100,000 jobs does not carry 100,000 specs.
 */
export const JobSummarySchema = JobRecordSchema.omit({ spec: true }).extend({
  /** The time limit as written in the spec (`2:00:00`, `UNLIMITED`); null for the partition's default. */
  timeLimit: z.string().nullable(),
  /** Nodes asked for; null when the spec leaves it to the scheduler (one node). */
  nodes: z.number().int().nullable(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export function summarize(record: JobRecord): JobSummary {
  const { spec, ...summary } = record;
  return { ...summary, timeLimit: spec.resources.time ?? null, nodes: spec.resources.nodes ?? null };
}
