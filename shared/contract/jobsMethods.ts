import { z } from 'zod';
import { ExitStatusSchema, JobRecordSchema, JobSummarySchema } from '../jobs/jobRecord';
import { JobSpecSchema } from '../jobs/jobSpec';
import { JobStateSchema } from '../jobs/jobState';
import { ShippingSummarySchema } from '../jobs/shippingSummary';
import { event, method } from './define';

export const JobRef = z.string().min(1).max(64).regex(/^(sd-[0-9a-f]{16}|\d{1,12})$/, 'A job is named by its sd- id or its Slurm id');
const TaskIndex = z.number().int().min(0).max(10_000_000).nullable().default(null);

/**
 * Set when the cluster could not be reached and the answer comes from what was fetched earlier
 * (kept in the data folder), with when that was.
 */
function staleMarks() {
  return { stale: z.boolean().default(false), fetchedAt: z.string().optional() };
}

export const LogChunkSchema = z.strictObject({
  text: z.string(),
  offset: z.number().int().min(0),
  nextOffset: z.number().int().min(0),
  size: z.number().int().min(0),
  ...staleMarks(),
});

export const JobResultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('json'), value: z.unknown(), ...staleMarks() }),
  z.strictObject({ kind: z.literal('repr'), text: z.string(), ...staleMarks() }),
  z.strictObject({ kind: z.literal('error'), type: z.string(), message: z.string(), traceback: z.string(), ...staleMarks() }),
  z.strictObject({ kind: z.literal('none'), message: z.string(), ...staleMarks() }),
  // Too large to parse or send to a window: where it is (`file` relative to the job folder, for
  // jobs.download and jobs.readFile; `path` on the cluster), its size and the limit it passed.
  z.strictObject({ kind: z.literal('too-large'), file: z.string(), path: z.string(), size: z.number().int().min(0), limit: z.number().int().min(0), ...staleMarks() }),
]);

export const JobFileSchema = z.strictObject({
  name: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  isDirectory: z.boolean(),
  /** Present and true when the entry itself is a symbolic link (the job's shipped project may hold some). */
  isLink: z.boolean().optional(),
  mode: z.number(),
});

/** One task of an array job, as the scheduler (or, once it forgot, the job record) knows it. */
export const JobTaskSchema = z.strictObject({
  index: z.number().int().min(0),
  state: JobStateSchema,
  reason: z.string().nullable(),
  exit: ExitStatusSchema.nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type JobTask = z.infer<typeof JobTaskSchema>;

export const jobsMethods = {
  'jobs.submit': method({
    summary: 'Validate, write the job folder, journal, and hand the job to the scheduler.',
    params: z.strictObject({ spec: JobSpecSchema }),
    result: JobSummarySchema,
  }),
  'jobs.preview': method({
    summary: 'The script, directives and folder a submission would produce, without submitting.',
    params: z.strictObject({ spec: JobSpecSchema }),
    result: z.strictObject({ jobDir: z.string(), script: z.string(), directives: z.array(z.string()), files: z.array(z.string()), shipping: ShippingSummarySchema.optional() }),
  }),
  'jobs.list': method({
    summary: 'Tracked jobs, newest first, a page at a time.',
    params: z.strictObject({
      cluster: z.string().max(64).optional(),
      states: z.array(JobStateSchema).max(32).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    result: z.strictObject({ jobs: z.array(JobSummarySchema), total: z.number().int() }),
  }),
  'jobs.get': method({
    summary: 'One job with its spec.',
    params: z.strictObject({ id: JobRef }),
    result: JobRecordSchema,
  }),
  'jobs.cancel': method({
    summary: 'Cancel jobs (pending or running); array jobs as a whole.',
    params: z.strictObject({ ids: z.array(JobRef).min(1).max(1000) }),
    result: z.strictObject({ jobs: z.array(JobSummarySchema) }),
  }),
  'jobs.tasks': method({
    summary: "An array job's tasks, each with its state, reason, exit status and times.",
    params: z.strictObject({ id: JobRef }),
    result: z.strictObject({ tasks: z.array(JobTaskSchema) }),
  }),
  'jobs.logs': method({
    summary: 'A piece of stdout or stderr by byte offset (tail, page back, follow).',
    params: z.strictObject({
      id: JobRef,
      stream: z.enum(['stdout', 'stderr']).default('stdout'),
      task: TaskIndex,
      offset: z.number().int().min(0).optional(),
      length: z.number().int().min(1).max(1024 * 1024).optional(),
      tail: z.boolean().default(false),
    }),
    result: LogChunkSchema,
  }),
  'jobs.result': method({
    summary: "A Python task's result (JSON, or the repr of a non-JSON value), or its error; a file too large to show is named, not sent.",
    params: z.strictObject({ id: JobRef, task: TaskIndex }),
    result: JobResultSchema,
  }),
  'jobs.files': method({
    summary: "The files in a job's folder.",
    params: z.strictObject({ id: JobRef }),
    result: z.strictObject({ jobDir: z.string(), entries: z.array(JobFileSchema) }),
  }),
};

export const jobsEvents = {
  'transfer.progress': event({
    summary: 'Progress of a file going to or from a cluster (a job upload), at most ~10 per second per file.',
    payload: z.strictObject({
      cluster: z.string(),
      direction: z.enum(['upload', 'download']),
      path: z.string(),
      transferred: z.number().min(0),
      total: z.number().min(0),
      bytesPerSecond: z.number().min(0),
    }),
  }),
  'jobs.changed': event({
    summary: 'Jobs whose state changed, batched (at most a few per second).',
    payload: z.strictObject({ jobs: z.array(JobSummarySchema) }),
  }),
};
