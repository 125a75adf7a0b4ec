import { z } from 'zod';

export const transportKinds = ['electron', 'websocket', 'memory'] as const;
export const TransportKindSchema = z.enum(transportKinds);
export type TransportKind = z.infer<typeof TransportKindSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  /** Null outside Electron (browser mode, tests). */
  electronVersion: z.string().nullable(),
  /** Where the app keeps its settings, journal and audit log (`SLURMDESK_HOME` overrides). */
  dataDir: z.string(),
  /** The transport that carried this very request. */
  transport: TransportKindSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
