import { z } from 'zod';

/** A message for the person from main that is not the answer to a request. */
export const AppNoticeSchema = z.strictObject({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string().max(4000),
});
export type AppNotice = z.infer<typeof AppNoticeSchema>;
