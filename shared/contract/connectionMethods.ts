import { z } from 'zod';
import { event, method } from './define';

const ClusterName = z.string().min(1).max(64);

/** A key a known_hosts line holds, where the person can find it. */
export const KnownKeySchema = z.strictObject({ keyType: z.string(), fingerprint: z.string(), file: z.string(), line: z.number().int() });

/**
 * Why a host key was refused outright: changed (it differs from the known one) or revoked. There
 * is deliberately no answer method for this: the only way forward is to forget the old key
 * (hostKeys.forget) after confirming the change with the site, then connect and trust afresh.
 */
export const HostKeyProblemSchema = z.strictObject({
  kind: z.enum(['changed', 'revoked']),
  host: z.string(),
  port: z.number().int(),
  hopLabel: z.string(),
  keyType: z.string(),
  presented: z.string(),
  known: z.array(KnownKeySchema),
  explanation: z.string(),
});
export type HostKeyProblem = z.infer<typeof HostKeyProblemSchema>;

export const connectionStates = [
  /** Built-in clusters: nothing to connect to. */
  'ready',
  'disconnected',
  'connecting',
  /** A host key, password, passphrase or code is waiting for the person. */
  'needs-input',
  'connected',
  'unreachable',
  'sign-in-failed',
  'host-key-refused',
] as const;
export const ConnectionStateSchema = z.enum(connectionStates);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const ClusterConnectionSchema = z.strictObject({
  name: z.string(),
  state: ConnectionStateSchema,
  /** What the person should know: the error, or how the connection ended. */
  message: z.string().nullable(),
  hostKeyProblem: HostKeyProblemSchema.nullable(),
  since: z.string(),
});
export type ClusterConnection = z.infer<typeof ClusterConnectionSchema>;

export const connectionMethods = {
  'clusters.connections': method({
    summary: 'The connection state of every cluster (built-in ones are always ready).',
    params: z.strictObject({}),
    result: z.strictObject({ connections: z.array(ClusterConnectionSchema) }),
  }),
  'clusters.connect': method({
    summary: 'Connect to a cluster now (prompts arrive as events); resolves with the outcome as a state.',
    params: z.strictObject({ name: ClusterName }),
    result: ClusterConnectionSchema,
  }),
  'clusters.keyFiles': method({
    summary: 'Private keys found in ~/.ssh, for the key-file picker (type and comment only, never key material).',
    params: z.strictObject({}),
    result: z.strictObject({
      files: z.array(z.strictObject({ path: z.string(), keyType: z.string(), encrypted: z.boolean(), comment: z.string() })),
    }),
  }),
  'clusters.disconnect': method({
    summary: "Close a cluster's connection; it reconnects when next needed.",
    params: z.strictObject({ name: ClusterName }),
    result: ClusterConnectionSchema,
  }),
};

export const connectionEvents = {
  'clusters.connection': event({ summary: "A cluster's connection state changed.", payload: ClusterConnectionSchema }),
};
