import { z } from 'zod';

const count = z.number().int().min(0);

/**
 * One partition as `sinfo` describes it, summed over its nodes. Node states are grouped the way
 * a person deciding where to submit thinks of them: free, partly used, full, unusable, other.
 */
export const PartitionOverviewSchema = z.strictObject({
  name: z.string(),
  /** The partition a job without --partition goes to (sinfo marks it with `*`). */
  isDefault: z.boolean(),
  /** Slurm's availability word: up, down, drain, inact. */
  available: z.string(),
  /** As Slurm prints it: `1-00:00:00`, `30:00`, `infinite`. */
  timeLimit: z.string(),
  /** The same limit in minutes; null when the partition has none. */
  maxTimeMinutes: z.number().int().min(0).nullable(),
  nodes: z.strictObject({ total: count, idle: count, mixed: count, allocated: count, down: count, other: count }),
  cpus: z.strictObject({ idle: count, total: count }),
  gpus: z.strictObject({ free: count, total: count }),
});
export type PartitionOverview = z.infer<typeof PartitionOverviewSchema>;

export const ClusterOverviewSchema = z.strictObject({
  cluster: z.string(),
  /** ISO 8601, when the scheduler was asked. */
  fetchedAt: z.string(),
  partitions: z.array(PartitionOverviewSchema),
});
export type ClusterOverview = z.infer<typeof ClusterOverviewSchema>;
