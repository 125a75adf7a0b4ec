import type { Fairshare, JobPriority, NodeInfo, Reservation } from '../../../shared/queue/clusterResources';
import type { ControlOutcome, JobSignal, QueueAction, QueueUpdate } from '../../../shared/queue/queueControl';
import type { HistoryWindow } from '../../../shared/queue/queueJob';
import type { JobDetailFields } from './parseJobDetail';
import type { QueueRow } from './parseQueueRows';
import type { HistoryRow } from './parseSacctHistory';

/** A part of the answer this cluster cannot give, with the words that say why. */
export type Unavailable = { unavailable: string };

export function isUnavailable<T>(value: T | Unavailable): value is Unavailable {
  return typeof value === 'object' && value !== null && 'unavailable' in value;
}

/** What history to read: a whole window, or only what changed in the last `seconds` (with overlap). */
export type HistoryRead = { window: Exclude<HistoryWindow, 'none'> } | { seconds: number };

/**
 * The queue views' questions to one cluster, each a fixed small number of commands whatever the
 * number of jobs. Two answers: Slurm's tools (local or over SSH) and the embedded executor.
 */
export interface ClusterQueue {
  readonly kind: 'slurm' | 'embedded';
  /** Commands issued so far: the good-citizen gauge in queue statuses and benchmarks. */
  readonly commandCount: number;
  mine(): Promise<QueueRow[]>;
  history(read: HistoryRead): Promise<HistoryRow[] | Unavailable>;
  detail(slurmId: string): Promise<JobDetailFields | null>;
  control(action: QueueAction, slurmIds: readonly string[], signal: JobSignal | undefined): Promise<ControlOutcome[]>;
  update(slurmId: string, changes: QueueUpdate): Promise<ControlOutcome>;
  efficiency(slurmIds: readonly string[]): Promise<HistoryRow[] | Unavailable>;
  nodes(partition: string | undefined): Promise<NodeInfo[] | Unavailable>;
  reservations(): Promise<Reservation[] | Unavailable>;
  priority(): Promise<JobPriority[] | Unavailable>;
  fairshare(): Promise<Fairshare[] | Unavailable>;
  partition(name: string): Promise<QueueRow[] | Unavailable>;
}
