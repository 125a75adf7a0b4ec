import { z } from 'zod';
import { JobNameSchema, PartitionSchema, SlurmJobIdSchema, SlurmTimeSchema } from '../jobs/slurmValues';

/** Signals a person may send with `scancel --signal`; names without SIG, as scancel takes them. */
export const jobSignals = ['TERM', 'KILL', 'INT', 'HUP', 'QUIT', 'USR1', 'USR2', 'CONT', 'STOP', 'ALRM'] as const;
export const JobSignalSchema = z.enum(jobSignals);
export type JobSignal = z.infer<typeof JobSignalSchema>;

/**
 * What queue.control does to every job listed. `cancel` without a signal ends the job (scancel);
 * with one it only delivers the signal (`scancel --signal`, to the batch shell and its steps),
 * and the job decides what to do, as with `kill`.
 */
export const queueActions = ['cancel', 'hold', 'release', 'requeue'] as const;
export const QueueActionSchema = z.enum(queueActions);
export type QueueAction = z.infer<typeof QueueActionSchema>;

const dependencyTerm = String.raw`(?:after|afterany|afterok|afternotok|aftercorr)(?::\d{1,12}(?:_\d{1,7})?(?:\+\d{1,6})?)+`;
/**
 * A dependency as scontrol takes it: `afterok:12:13,afterany:14`, `?` for "any of", `singleton`,
 * or empty to remove every dependency. Nothing else can reach the argv.
 */
export const DependencyExpressionSchema = z
  .string()
  .max(4096)
  .regex(new RegExp(String.raw`^(?:|singleton|${dependencyTerm}(?:[,?]${dependencyTerm})*)$`), 'A dependency looks like afterok:123 or afterany:12:13,afterok:14, singleton, or empty to remove it');

/**
 * What `scontrol update` lets an ordinary user change. A time limit may only go down (Slurm
 * refuses a raise from anyone but an operator); the partition only while the job pends; nice only
 * up (0 … 10000: a user may lower their own priority, not raise it).
 */
export const QueueUpdateSchema = z
  .strictObject({
    timeLimit: SlurmTimeSchema.optional(),
    name: JobNameSchema.optional(),
    partition: PartitionSchema.optional(),
    dependency: DependencyExpressionSchema.optional(),
    nice: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'Nothing to update: give a time limit, name, partition, dependency or nice value');
export type QueueUpdate = z.infer<typeof QueueUpdateSchema>;

/** What happened to each job an action was asked for: done, or why not (Slurm's words). */
export const ControlOutcomeSchema = z.strictObject({
  slurmId: z.string(),
  ok: z.boolean(),
  message: z.string().nullable(),
});
export type ControlOutcome = z.infer<typeof ControlOutcomeSchema>;

export const QueueJobIdsSchema = z.array(SlurmJobIdSchema).min(1).max(1000);
