import { z } from 'zod';

const count = z.number().int().min(0);

/** One node as `scontrol show node` describes it: state, why it is not usable, what is free. */
export const NodeInfoSchema = z.strictObject({
  name: z.string(),
  partitions: z.array(z.string()),
  /** Slurm's base state in capitals: IDLE, MIXED, ALLOCATED, DOWN, DRAINED, DRAINING… */
  state: z.string(),
  /** Flags after the base state (`DRAIN`, `NOT_RESPONDING`, `RESERVED`, `POWERED_DOWN`…). */
  flags: z.array(z.string()),
  /** Why an administrator took it out (`Reason=`); null when none. */
  reason: z.string().nullable(),
  cpus: z.strictObject({ total: count, allocated: count, idle: count }),
  /** CPU load as the node reports it; null when unknown. */
  load: z.number().min(0).nullable(),
  memory: z.strictObject({ totalBytes: z.number().min(0), allocatedBytes: z.number().min(0), freeBytes: z.number().min(0).nullable() }),
  gpus: z.strictObject({ total: count, used: count }),
  features: z.array(z.string()),
});
export type NodeInfo = z.infer<typeof NodeInfoSchema>;

/** One reservation as `scontrol show reservation` lists it. */
export const ReservationSchema = z.strictObject({
  name: z.string(),
  state: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  nodes: z.string().nullable(),
  nodeCount: count.nullable(),
  partition: z.string().nullable(),
  users: z.array(z.string()),
  accounts: z.array(z.string()),
  flags: z.array(z.string()),
});
export type Reservation = z.infer<typeof ReservationSchema>;

/** One pending job's priority and its parts, as `sprio` shows them (weighted values). */
export const JobPrioritySchema = z.strictObject({
  slurmId: z.string(),
  partition: z.string().nullable(),
  priority: z.number().min(0),
  age: z.number().min(0),
  fairshare: z.number().min(0),
  jobSize: z.number().min(0),
  partitionFactor: z.number().min(0),
  qos: z.number().min(0),
  nice: z.number(),
  tres: z.string().nullable(),
});
export type JobPriority = z.infer<typeof JobPrioritySchema>;

/** One association's share, as `sshare` prints it for the person's accounts. */
export const FairshareSchema = z.strictObject({
  account: z.string(),
  user: z.string().nullable(),
  rawShares: z.number().min(0).nullable(),
  normShares: z.number().min(0).nullable(),
  rawUsage: z.number().min(0).nullable(),
  effectiveUsage: z.number().min(0).nullable(),
  /** 0..1: 1 means the account has used far less than its share, 0 far more. */
  fairShare: z.number().min(0).nullable(),
});
export type Fairshare = z.infer<typeof FairshareSchema>;

/** A part of the answer the site may not offer (priority plugin, accounting, the embedded executor). */
export const AvailabilitySchema = z.strictObject({ available: z.boolean(), message: z.string().nullable() });
export type Availability = z.infer<typeof AvailabilitySchema>;
