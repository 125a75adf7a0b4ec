import { z } from 'zod';
import { AppSettingsPatchSchema, AppSettingsSchema } from '../settings/appSettings';
import { event, method } from './define';

/** A keychain entry as the renderer sees it: which sign-in it serves, never the secret. */
export const SavedCredentialSchema = z.strictObject({
  account: z.string(),
  kind: z.enum(['password', 'passphrase', 'kbd']),
  description: z.string(),
});
export type SavedCredential = z.infer<typeof SavedCredentialSchema>;

/** The security events main records (electron/services/audit/auditLog.ts). */
export const auditEventNames = [
  'connect',
  'connect-failed',
  'disconnect',
  'auth',
  'keychain-save-failed',
  'host-key',
  'submit',
  'cancel',
  'transfer',
  'file-change',
  'slurmfile-trust',
  'slurmfile-revoke',
  'job-control',
  'terminal',
  'forward',
] as const;

/** Whether the OS keychain can keep a secret now, and if not, why (in words the person can act on). */
export const KeychainStatusSchema = z.strictObject({ available: z.boolean(), reason: z.string().nullable() });
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

const AuditValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** One line of the audit log: when, which event, and its fields as recorded (never secrets). */
export const AuditEntrySchema = z.strictObject({
  /** The line number in the log, stable across pages: it names the entry. */
  line: z.number().int().min(1),
  at: z.string(),
  /** One of auditEventNames, or a newer name this window does not know yet. */
  event: z.string(),
  fields: z.record(z.string(), AuditValueSchema),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const settingsMethods = {
  'settings.get': method({
    summary: 'The app settings (job folders, default host-key policy, notifications).',
    params: z.strictObject({}),
    result: AppSettingsSchema,
  }),
  'settings.set': method({
    summary: 'Change some settings; every field is checked and one bad value saves nothing.',
    params: AppSettingsPatchSchema,
    result: AppSettingsSchema,
  }),
  'credentials.list': method({
    summary: 'The sign-ins saved in the OS keychain, by name and purpose; never the secrets.',
    params: z.strictObject({}),
    result: z.strictObject({ entries: z.array(SavedCredentialSchema) }),
  }),
  'credentials.keychainStatus': method({
    summary: 'Whether the OS keychain works here (so "Save in keychain" can be offered), and why not when it does not.',
    params: z.strictObject({}),
    result: KeychainStatusSchema,
  }),
  'credentials.delete': method({
    summary: 'Delete one saved sign-in from the OS keychain.',
    params: z.strictObject({ account: z.string().min(1).max(4200) }),
    result: z.strictObject({ removed: z.boolean() }),
  }),
  'audit.list': method({
    summary: 'Audit log entries, newest first, a page at a time, optionally only those containing a text.',
    params: z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      filter: z.string().max(200).optional(),
    }),
    result: z.strictObject({ entries: z.array(AuditEntrySchema), total: z.number().int().min(0), skippedLines: z.number().int().min(0) }),
  }),
};

export const settingsEvents = {
  'settings.changed': event({ summary: 'The settings were saved (by any window); views show the new values.', payload: AppSettingsSchema }),
};
