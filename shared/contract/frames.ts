import { z } from 'zod';
import type { SerializedError } from '../errors';

/**
 * The wire format of the socket and in-memory transports: JSON text frames. Electron IPC carries
 * the same request/reply envelopes over per-method channels instead.
 */
const requestId = z.string().min(1).max(64);

const SerializedErrorSchema = z.object({
  name: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const ClientFrameSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('request'), id: requestId, method: z.string().max(128), params: z.unknown() }),
  z.strictObject({ kind: z.literal('cancel'), id: requestId }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.union([
  z.object({ kind: z.literal('response'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.string(), ok: z.literal(false), error: SerializedErrorSchema }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
  /** A reply to a frame that had no usable id (malformed JSON, a wrong shape). */
  z.object({ kind: z.literal('error'), error: SerializedErrorSchema }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** The outcome of one call, as every transport carries it. */
export type WireResult = { ok: true; result: unknown } | { ok: false; error: SerializedError };
