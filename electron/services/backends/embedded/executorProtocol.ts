import { z } from 'zod';
import { PartitionOverviewSchema } from '../../../../shared/clusters/partitionOverview';
import { JobIdSchema, ResourcesSchema, dependencyTypes } from '../../../../shared/jobs/jobSpec';
import { JobStateSchema } from '../../../../shared/jobs/jobState';

/**
 * The executor daemon's wire format: newline-delimited JSON over a Unix socket in the state
 * folder. On connecting, the daemon greets first; a client sends requests only after the
 * greeting, so a connection that ends before it never carried one (safe to try again). Requests
 * `{id, method, params}`; replies `{id, ok: true, result}` or `{id, ok: false, error}`.
 */
export const executorProtocolVersion = 1;
export const executorSocketName = 'executor.sock';
export const executorLogName = 'executor.log';
/** A longer line closes the connection: nothing legitimate comes near it. */
export const maxLineBytes = 64 * 1024 * 1024;

export const HelloSchema = z.object({ hello: z.literal('slurmdesk-executor'), version: z.number().int(), pid: z.number().int() });

const text = (max: number) => z.string().max(max);
const path = text(4096).refine((value) => value.startsWith('/') && !value.includes('\0'), 'must be an absolute path');
const jobIds = z.array(text(64)).max(1_000_000);

export const SubmitRequestSchema = z.strictObject({
  clientId: JobIdSchema,
  name: text(1024),
  scriptPath: path,
  workdir: path,
  stdoutPath: text(4096),
  stderrPath: text(4096),
  resources: ResourcesSchema,
  array: text(65_536).nullable(),
  dependencies: z.array(z.strictObject({ type: z.enum(dependencyTypes), slurmId: text(64) })).max(10_000),
  comment: text(4096),
});

/** Each method's params and result; the daemon checks params, the client checks results. */
export const executorMethods = {
  submit: { params: SubmitRequestSchema, result: z.string() },
  queue: {
    params: z.strictObject({ jobIds }),
    result: z.array(
      z.object({
        slurmId: z.string(),
        jobId: z.string(),
        arrayTaskId: z.number().int().nullable(),
        state: JobStateSchema,
        reason: z.string().nullable(),
        elapsedSeconds: z.number().nullable(),
        timeLimitSeconds: z.number().nullable(),
        nodes: z.string().nullable(),
      }),
    ),
  },
  settle: {
    params: z.strictObject({ jobIds }),
    result: z.array(
      z.object({
        slurmId: z.string(),
        jobId: z.string(),
        arrayTaskId: z.number().int().nullable(),
        state: JobStateSchema,
        exit: z.object({ code: z.number().int(), signal: z.number().int() }).nullable(),
        reason: z.string().nullable(),
        startedAt: z.string().nullable(),
        endedAt: z.string().nullable(),
      }),
    ),
  },
  cancel: { params: z.strictObject({ jobIds }), result: z.null() },
  findByComment: { params: z.strictObject({ comment: text(4096) }), result: z.string().nullable() },
  overview: { params: z.strictObject({}), result: z.array(PartitionOverviewSchema) },
} as const;

export type ExecutorMethod = keyof typeof executorMethods;
export type ExecutorParams<M extends ExecutorMethod> = z.infer<(typeof executorMethods)[M]['params']>;
export type ExecutorResult<M extends ExecutorMethod> = z.infer<(typeof executorMethods)[M]['result']>;

export function isExecutorMethod(name: string): name is ExecutorMethod {
  return Object.hasOwn(executorMethods, name);
}

export const RequestEnvelopeSchema = z.object({ id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), method: z.string().max(64), params: z.unknown() });

export const WireErrorSchema = z.object({ name: z.string(), code: z.string(), message: z.string() });
export type WireError = z.infer<typeof WireErrorSchema>;

export const ReplySchema = z.union([
  z.object({ id: z.number().int().nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int().nullable(), ok: z.literal(false), error: WireErrorSchema }),
]);

/**
 * Splits a byte stream into lines without rescanning: chunks wait until a newline arrives, and
 * more than `maxLineBytes` without one is refused.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  /** The complete lines in this chunk (with what came before), or null when a line is too long. */
  push(chunk: Buffer): string[] | null {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      if (this.#pendingBytes + piece.length > maxLineBytes) return null;
      lines.push(this.#pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...this.#pending, piece]).toString('utf8'));
      this.#pending = [];
      this.#pendingBytes = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.#pending.push(chunk.subarray(start));
      this.#pendingBytes += chunk.length - start;
      if (this.#pendingBytes > maxLineBytes) return null;
    }
    return lines;
  }
}

