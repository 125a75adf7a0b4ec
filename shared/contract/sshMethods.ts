import { z } from 'zod';
import { ClusterProfileSchema, HostSchema, PortSchema } from '../clusters/clusterProfile';
import { event, method } from './define';

const PromptId = z.string().regex(/^p-[0-9a-f]{16}$/);

/** A secret asked of the person. The request never carries a secret; the answer is write-only. */
export const AuthPromptSchema = z.strictObject({
  id: PromptId,
  kind: z.enum(['password', 'passphrase', 'keyboard-interactive']),
  hopLabel: z.string(),
  /** The saved cluster this sign-in is for, as the person named it. */
  cluster: z.string(),
  /** Which jump host on the way to the cluster ("jump host 1"), or null for the cluster itself. */
  hop: z.string().nullable(),
  /** Why the person is asked again (the last answer was refused), or null on the first ask. */
  retry: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  user: z.string().nullable(),
  keyFile: z.string().nullable(),
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.strictObject({ prompt: z.string(), echo: z.boolean() })),
  /**
   * Whether the answer may be kept (passwords and passphrases, not one-time codes): in the OS
   * keychain when it works (credentials.keychainStatus), else in main's memory until it quits.
   */
  canSave: z.boolean(),
});

export const HostKeyPromptSchema = z.strictObject({
  id: PromptId,
  host: z.string(),
  port: z.number(),
  hopLabel: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  alsoKnownAs: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const KnownHostSchema = z.strictObject({
  hosts: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  file: z.string(),
  line: z.number(),
  marker: z.enum(['revoked', 'cert-authority']).nullable(),
});

const HostPort = { host: HostSchema, port: PortSchema.default(22) };

export const sshMethods = {
  'auth.answer': method({
    summary: 'Answer an auth.prompt (write-only: the secret never comes back), or cancel it.',
    params: z.union([
      z.strictObject({
        id: PromptId,
        values: z.array(z.string().max(4096)).max(32),
        /** Keep it in the OS keychain (after it worked). */
        save: z.boolean().default(false),
        /** Keep it in main's memory only, until the app quits: for where there is no keychain. */
        rememberForSession: z.boolean().default(false),
      }),
      z.strictObject({ id: PromptId, cancel: z.literal(true) }),
    ]),
    result: z.strictObject({ accepted: z.boolean() }),
  }),
  'hostKeys.answer': method({
    summary: 'Answer a hostKey.prompt for an unknown key. Changed keys are never prompted.',
    params: z.strictObject({
      id: PromptId,
      answer: z.enum(['trust', 'once', 'cancel']),
      /** The fingerprint the site published, pasted by the person: it must match exactly to count. */
      expectedFingerprint: z.string().max(100).optional(),
    }),
    result: z.strictObject({ accepted: z.boolean(), fingerprintMatched: z.boolean().nullable() }),
  }),
  'hostKeys.list': method({
    summary: 'Entries of the user known_hosts file (and the system one, read-only).',
    params: z.strictObject({}),
    result: z.strictObject({ entries: z.array(KnownHostSchema), skippedLines: z.number() }),
  }),
  'hostKeys.forget': method({
    summary: 'Remove the keys of one host:port from the user known_hosts file (like ssh-keygen -R).',
    params: z.strictObject(HostPort),
    result: z.strictObject({ removed: z.number(), stillMatching: z.array(z.string()) }),
  }),
  'hostKeys.trust': method({
    summary: 'Scan a host and trust its key only if it matches the fingerprint the site published.',
    params: z.strictObject({ ...HostPort, fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'A fingerprint looks like SHA256: and 43 characters') }),
    result: z.strictObject({ keyType: z.string(), fingerprint: z.string() }),
  }),
  'clusters.list': method({
    summary: 'Built-in clusters and saved profiles.',
    params: z.strictObject({}),
    result: z.strictObject({ profiles: z.array(ClusterProfileSchema), builtIn: z.array(z.strictObject({ name: z.string(), description: z.string() })), problems: z.array(z.string()) }),
  }),
  'clusters.save': method({
    summary: 'Add or replace a cluster profile (no secrets: those go to the keychain when asked).',
    params: z.strictObject({ profile: ClusterProfileSchema }),
    result: ClusterProfileSchema,
  }),
  'clusters.importSshConfig': method({
    summary: 'Read ~/.ssh/config (or another file) and propose a profile per Host alias; nothing is saved.',
    params: z.strictObject({ path: z.string().max(4096).optional() }),
    result: z.strictObject({
      profiles: z.array(ClusterProfileSchema),
      skipped: z.array(z.strictObject({ alias: z.string(), reason: z.string() })),
      notes: z.array(z.string()),
    }),
  }),
  'clusters.remove': method({
    summary: 'Remove a cluster profile.',
    params: z.strictObject({ name: z.string().max(64) }),
    result: z.strictObject({ removed: z.boolean() }),
  }),
};

export const sshEvents = {
  'auth.prompt': event({ summary: 'A password, passphrase or MFA code is needed to connect.', payload: AuthPromptSchema }),
  'hostKey.prompt': event({ summary: 'An unknown host key needs the person to trust it (or not).', payload: HostKeyPromptSchema }),
  'prompt.closed': event({ summary: 'A prompt was answered, cancelled or timed out; views close it.', payload: z.strictObject({ id: PromptId }) }),
};

