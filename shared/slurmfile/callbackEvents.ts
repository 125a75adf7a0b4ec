import { z } from 'zod';
import { JobStateSchema } from '../jobs/jobState';

/**
 * What a Slurmfile callback is told, in the order it happens to one job. A class target gets the
 * method named in `callbackMethods` (when it has one) and `onEvent` for every event; a function
 * target is called with every event. Payloads carry no secret.
 */
export const callbackEventNames = ['submitBegin', 'submitEnd', 'statusChange', 'runBegin', 'runEnd', 'completed', 'failed', 'cancelled'] as const;
export type CallbackEventName = (typeof callbackEventNames)[number];

export const callbackMethods: Record<CallbackEventName, string> = {
  submitBegin: 'onSubmitBegin',
  submitEnd: 'onSubmitEnd',
  statusChange: 'onStatusChange',
  runBegin: 'onRunBegin',
  runEnd: 'onRunEnd',
  completed: 'onCompleted',
  failed: 'onFailed',
  cancelled: 'onCancelled',
};

export const CallbackEventSchema = z.strictObject({
  event: z.enum(callbackEventNames),
  /** When the app noticed it (ISO 8601). */
  at: z.string(),
  /** The Slurmfile, its environment and the template used (null for a submission without one). */
  slurmfile: z.string(),
  environment: z.string(),
  template: z.string().nullable(),
  /** Null only in submitBegin, before the job has an id. */
  jobId: z.string().nullable(),
  slurmId: z.string().nullable(),
  name: z.string(),
  cluster: z.string(),
  state: JobStateSchema.nullable(),
  previousState: JobStateSchema.nullable(),
  exitCode: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  jobDir: z.string().nullable(),
  /** result.json in the job folder for a Python task, null for a script. */
  resultPath: z.string().nullable(),
  /** Why a submission failed (submitEnd) or the scheduler's reason. */
  reason: z.string().nullable(),
});
export type CallbackEvent = z.infer<typeof CallbackEventSchema>;
