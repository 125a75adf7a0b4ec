import { z } from 'zod';

export const maxNoticeLength = 4000;

/** A message for the person from main that is not the answer to a request. */
export const AppNoticeSchema = z.strictObject({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string().max(maxNoticeLength),
});
export type AppNotice = z.infer<typeof AppNoticeSchema>;
