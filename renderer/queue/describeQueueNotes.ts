import type { QueueStatus } from '../../shared/queue/queueJob';

export type QueueNote = { cluster: string; level: 'info' | 'warning'; text: string };

/**
 * What the table cannot show and why, one line per cluster: no accounting (so no finished jobs
 * from elsewhere and no efficiency), or a queue that could not be read (and since when it is old).
 * A cluster that is fine says nothing; so does a built-in cluster that never answered (`quiet`):
 * "Slurm on this computer" on a computer without Slurm is not news.
 */
export function queueNotes(statuses: readonly (QueueStatus | null)[], historyShown: boolean, quiet: ReadonlySet<string> = new Set()): QueueNote[] {
  const notes: QueueNote[] = [];
  for (const status of statuses) {
    if (status === null) continue;
    const { cluster } = status;
    if (!status.reachable && quiet.has(cluster) && status.fetchedAt === null) continue;
    if (!status.reachable) {
      notes.push({ cluster, level: 'warning', text: `${cluster}: the queue could not be read${status.message ? ` — ${status.message}` : '.'}` });
    } else if (status.accounting.state === 'unavailable') {
      const missing = historyShown ? 'finished jobs show only for the few minutes Slurm still remembers them, and without efficiency' : 'finished jobs have no efficiency figures';
      notes.push({ cluster, level: 'info', text: `${cluster} keeps no accounting: ${missing}.` });
    }
  }
  return notes;
}
