import { z } from 'zod';
import { HostKeyPolicySchema } from '../clusters/clusterProfile';

/**
 * A permission mode for what the app creates on a cluster. The owner must keep the access the
 * job needs, and nobody else may write: a group- or world-writable job folder would let another
 * account swap the script before Slurm runs it.
 */
const fileMode = (ownerNeeds: number, ownerText: string) =>
  z
    .number()
    .int('A permission mode is a whole number (octal, like 700)')
    .min(0, 'A permission mode is at least 000')
    .max(0o777, 'A permission mode is at most 777')
    .refine((mode) => (mode & ownerNeeds) === ownerNeeds, `The owner needs ${ownerText}`)
    .refine((mode) => (mode & 0o022) === 0, 'Only the owner may write: group and others get no w (2)');

/** Settings a person may change; secrets are never among them (they live in the keychain). */
export const AppSettingsSchema = z.strictObject({
  /** Where job folders go on every cluster; `~/` is the cluster account's home. */
  jobBaseDir: z
    .string()
    .min(1, 'The job base folder is required')
    .max(1024, 'The job base folder is at most 1024 characters')
    .regex(/^(~\/|\/)[^\0\n\r]*$|^~$/, 'The job base folder starts with / or ~/')
    .refine((path) => !path.split('/').includes('..'), 'The job base folder may not contain .. (a step up)'),
  /** Job folders hold arguments and results: private by default. */
  folderMode: fileMode(0o700, 'read, write and enter (7) on the job folder'),
  scriptMode: fileMode(0o500, 'read and execute (5) on the job script'),
  /** The policy new cluster profiles start with; a changed key is refused under every one. */
  defaultHostKeyPolicy: HostKeyPolicySchema,
  /** A desktop notification when a job this window saw running ends. */
  notifyOnJobEnd: z.boolean(),
  /** Light or dark, or whatever the system uses. */
  appearance: z.enum(['system', 'light', 'dark']),
  /** Where downloaded job files go on this computer; absent: ~/Downloads/Slurm Desk. Never chosen per call. */
  downloadDir: z.string().min(1).max(1024).regex(/^\/[^\0\n\r]*$/, 'The downloads folder is an absolute path').optional(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** What settings.set takes: any subset of the settings, each checked as strictly as the whole. */
export const AppSettingsPatchSchema = AppSettingsSchema.partial();
export type AppSettingsPatch = z.infer<typeof AppSettingsPatchSchema>;

export const defaultAppSettings: AppSettings = {
  jobBaseDir: '~/slurm_jobs',
  folderMode: 0o700,
  scriptMode: 0o750,
  defaultHostKeyPolicy: 'ask',
  notifyOnJobEnd: true,
  appearance: 'system',
};

/** `0o750` → `"750"`, as chmod and ls show it. */
export function formatFileMode(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}
