import { formatArrayIndices } from '../../../shared/jobs/arrayRange';
import type { QueueJob } from '../../../shared/queue/queueJob';

/**
 * Pending tasks of one array that wait for the same reason, as one row (`12_[3-99]`), the way
 * squeue shows them without -r: a 10,000-task array is one line until the person unrolls it.
 * Tasks that run or ended keep their own rows.
 */
export function groupPendingTasks(rows: readonly QueueJob[]): QueueJob[] {
  const out: QueueJob[] = [];
  const groups = new Map<string, QueueJob[]>();
  for (const row of rows) {
    if (row.arrayTaskId === null || row.state !== 'PENDING') {
      out.push(row);
      continue;
    }
    const key = `${row.jobId}\u0000${row.reason ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    const range = formatArrayIndices(group.map((row) => row.arrayTaskId!));
    out.push({ ...group[0]!, slurmId: `${group[0]!.jobId}_[${range}]`, arrayTaskId: null, arrayTasks: range });
  }
  return out;
}
