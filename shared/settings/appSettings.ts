import { z } from 'zod';

const fileMode = z.number().int().min(0).max(0o777);

/** Settings a person may change; secrets are never among them (they live in the keychain). */
export const AppSettingsSchema = z.strictObject({
  /** Where job folders go on every cluster; `~/` is the cluster account's home. */
  jobBaseDir: z.string().min(1).max(1024).regex(/^(~\/|\/)[^\0\n\r]*$|^~$/, 'The job base folder starts with / or ~/'),
  /** Job folders hold arguments and results: private by default. */
  folderMode: fileMode,
  scriptMode: fileMode,
  /** Where downloaded job files go on this computer; absent: ~/Downloads/Slurm Desk. Never chosen per call. */
  downloadDir: z.string().min(1).max(1024).regex(/^\/[^\0\n\r]*$/, 'The downloads folder is an absolute path').optional(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  jobBaseDir: '~/slurm_jobs',
  folderMode: 0o700,
  scriptMode: 0o750,
};
