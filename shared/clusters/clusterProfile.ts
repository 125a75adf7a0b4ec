import { z } from 'zod';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { AccountSchema, PartitionSchema, QosSchema } from '../jobs/slurmValues';

export const hostKeyPolicies = ['auto', 'warn', 'reject', 'ask'] as const;
export const HostKeyPolicySchema = z.enum(hostKeyPolicies);
export type HostKeyPolicyName = z.infer<typeof HostKeyPolicySchema>;

/** A host name or address as ssh accepts it: no spaces, no shell or option characters. */
export const HostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?!-)[A-Za-z0-9.:_%-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'A host is a name like hpc.example.org or an address (no spaces, and not starting with -)');
export const PortSchema = z.number().int().min(1).max(65535);
export const UserSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/, 'A user name is letters, digits, _, . and -');

/**
 * How to authenticate, in OpenSSH's order when several are allowed: the agent, key files,
 * password, keyboard-interactive. Secrets are never part of a profile: they come from the
 * keychain or from the person, when asked.
 */
export const AuthSchema = z.strictObject({
  agent: z.boolean().default(true),
  keyFiles: z.array(z.string().min(1).max(4096)).max(16).default([]),
  password: z.boolean().default(true),
  keyboardInteractive: z.boolean().default(true),
});
export type AuthSettings = z.infer<typeof AuthSchema>;

export const HopSchema = z.strictObject({
  host: HostSchema,
  port: PortSchema.default(22),
  user: UserSchema,
  auth: AuthSchema.default({ agent: true, keyFiles: [], password: true, keyboardInteractive: true }),
});
export type Hop = z.infer<typeof HopSchema>;

export const ClusterProfileSchema = z.strictObject({
  name: ClusterNameSchema.refine((name) => name !== 'embedded' && name !== 'local', 'embedded and local are built in'),
  host: HostSchema,
  port: PortSchema.default(22),
  user: UserSchema,
  auth: AuthSchema.default({ agent: true, keyFiles: [], password: true, keyboardInteractive: true }),
  /** ProxyJump hops, nearest first; each is verified and authenticated on its own. */
  jump: z.array(HopSchema).max(4).default([]),
  hostKeyPolicy: HostKeyPolicySchema.default('ask'),
  jobBaseDir: z.string().max(1024).optional(),
  defaults: z
    .strictObject({ partition: PartitionSchema.optional(), account: AccountSchema.optional(), qos: QosSchema.optional() })
    .default({}),
});
export type ClusterProfile = z.infer<typeof ClusterProfileSchema>;
export type ClusterProfileInput = z.input<typeof ClusterProfileSchema>;
