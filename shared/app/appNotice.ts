import { z } from 'zod';

export const maxNoticeLength = 4000;

/** A message for the person from main that is not the answer to a request. */
export const AppNoticeSchema = z.strictObject({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string().max(maxNoticeLength),
  /**
   * What the notice is about (`sign-in-method:hpc`): a newer notice with the same cause replaces
   * the older one instead of stacking, so a reconnect does not add a banner each time.
   */
  cause: z.string().max(200).optional(),
});
export type AppNotice = z.infer<typeof AppNoticeSchema>;
