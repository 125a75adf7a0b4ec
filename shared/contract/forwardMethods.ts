import { z } from 'zod';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { event, method } from './define';
import { JobRef } from './jobsMethods';
import { NodeNameSchema } from './terminalMethods';

export const ForwardId = z.string().regex(/^fwd-[0-9a-f]{16}$/, 'A forward is named fwd- and 16 hex digits');
const Port = z.number().int().min(1).max(65535);

export const forwardStates = [
  'open',
  /** The SSH connection dropped: the listener stays, new connections wait for a reconnect. */
  'connection-lost',
  'closed',
] as const;

export const ForwardInfoSchema = z.strictObject({
  id: ForwardId,
  cluster: z.string(),
  /** The app's job id or a Slurm id; null for a forward to the login node. */
  job: z.string().nullable(),
  /** Where the cluster connects: a job's node or the login node (`localhost`). */
  targetHost: z.string(),
  targetPort: Port,
  /** Always on 127.0.0.1. */
  localPort: Port,
  state: z.enum(forwardStates),
  /** Why it is not open, in words. */
  message: z.string().nullable(),
  connections: z.number().int().min(0),
});
export type ForwardInfo = z.infer<typeof ForwardInfoSchema>;

/**
 * Port forwards: a listener on 127.0.0.1 whose connections go through the cluster's SSH
 * connection (and its jump hosts) to a job's node or the login node. A forward to a job closes
 * when the job ends; every forward closes with the window that opened it and when the app quits.
 */
export const forwardMethods = {
  'forwards.open': method({
    summary: 'Listen on 127.0.0.1 and carry each connection to a port on a running job\'s node (or the login node).',
    params: z.strictObject({
      cluster: ClusterNameSchema.nullable().default(null),
      job: JobRef.nullable().default(null),
      node: NodeNameSchema.nullable().default(null),
      remotePort: Port,
      /** A free port is picked when null; below 1024 is refused (it would need privileges). */
      localPort: z.number().int().min(1024).max(65535).nullable().default(null),
    }),
    result: ForwardInfoSchema,
  }),
  'forwards.list': method({
    summary: 'The forwards this window opened.',
    params: z.strictObject({}),
    result: z.strictObject({ forwards: z.array(ForwardInfoSchema) }),
  }),
  'forwards.close': method({
    summary: 'Stop listening and cut the forward\'s connections.',
    params: z.strictObject({ id: ForwardId }),
    result: z.strictObject({}),
  }),
  'forwards.reconnect': method({
    summary: 'After the connection dropped: connect again and carry new connections.',
    params: z.strictObject({ id: ForwardId }),
    result: ForwardInfoSchema,
  }),
};

export const forwardEvents = {
  'forwards.changed': event({
    summary: 'A forward of this window opened, lost its connection, or closed.',
    payload: ForwardInfoSchema,
  }),
};
