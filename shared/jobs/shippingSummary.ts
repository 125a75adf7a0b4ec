import { z } from 'zod';

/** What a submission will ship and run in, as the preview shows it before anything is sent. */
export const ShippingSummarySchema = z.strictObject({
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** The first files, in path order: enough to recognize the project. */
  sample: z.array(z.string()).max(50),
  /** Files left out although included: links leading out of the project, unsafe names. */
  skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })).max(50),
  /** "system python3", "venv from requirements.txt (cached on the cluster)", … */
  environment: z.string(),
  /** "podman localhost/app:1", or null without a container. */
  image: z.string().nullable(),
});
export type ShippingSummary = z.infer<typeof ShippingSummarySchema>;
