import { describeReason, parseSlurmState } from '../../../shared/jobs/jobState';
import type { QueueJob } from '../../../shared/queue/queueJob';
import type { QueueEntry } from '../backends/types';
import { expandTaskRange, outputError, readDuration, readReason, readTimeLimit, readTimestamp } from '../slurm/slurmFields';
import { readBytes, readCount, readText } from './queueFields';

/**
 * The person's queue in one squeue call. `%i` id, `%F` array job id, `%K` task id or range, `%T`
 * state, `%r` reason, `%M` elapsed, `%l` limit, `%D` nodes, `%C` CPUs, `%m` memory per node or CPU,
 * `%u` user, `%a` account, `%P` partition, `%q` QOS, `%V` submitted, `%S` start (expected start
 * while pending: what `squeue --start` shows), `%R` nodes or (reason), and `%j` the name last,
 * because a name is free text and may itself hold the separator.
 */
export const queueRowFormat = '%i|%F|%K|%T|%r|%M|%l|%D|%C|%m|%u|%a|%P|%q|%V|%S|%R|%j';
const fixedFields = 17;

/** A row without the cluster's and the app's parts, which the monitor adds. */
export type QueueRow = Omit<QueueJob, 'cluster' | 'appJobId' | 'efficiency'>;

/**
 * Parses `squeue -h [-r] -o queueRowFormat`. A grouped row of pending tasks (`8_[2-5%2]`) stays one
 * row with its range in `arrayTasks`; `unrollTasks` expands it to the same one-row-per-task shape
 * `-r` prints.
 */
export function parseQueueRows(output: string): QueueRow[] {
  const rows: QueueRow[] = [];
  // 10,000 rows share a few states, reasons and submit seconds: each is read once per call.
  const timestamp = memo(readTimestamp);
  const reasonWords = memo((text: string) => describeReason(readReason(text)));
  const duration = memo(readDuration);
  const timeLimit = memo(readTimeLimit);
  const counted = memo(readCount);
  const reasonOf = memo(readReason);
  const text = memo(readText);
  const stateOf = memo(parseSlurmState);
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    if (fields.length < fixedFields + 1) throw outputError('squeue', line, `expected ${fixedFields + 1} fields, found ${fields.length}`);
    const [id, arrayJobId, task, state, reason, elapsed, limit, nodeCount, cpus, memory, user, account, partition, qos, submitted, start, nodes] =
      fields as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
    if (!/^\d+$/.test(arrayJobId)) throw outputError('squeue', line, `job id "${arrayJobId}" is not a number`);
    const jobState = stateOf(state);
    if (jobState === null) throw outputError('squeue', line, `unknown job state "${state}"`);
    const pending = jobState === 'PENDING';
    const reasonWord = reasonOf(reason);
    const reasonText = reasonWords(reason);
    const count = counted(nodeCount);
    const cpuCount = counted(cpus);
    const isTask = /^\d+$/.test(task);
    const grouped = task !== 'N/A' && !isTask;
    if (grouped) expandTaskRange(task, 'squeue', line); // refuse what cannot be read now, not later
    rows.push({
      slurmId: isTask ? `${arrayJobId}_${task}` : grouped ? `${arrayJobId}_[${task}]` : id,
      jobId: arrayJobId,
      arrayTaskId: isTask ? Number(task) : null,
      arrayTasks: grouped ? task : null,
      name: fields.slice(fixedFields).join('|'),
      user: user.trim(),
      account: text(account),
      partition: text(partition),
      qos: text(qos),
      state: jobState,
      reason: reasonWord,
      reasonText,
      submittedAt: timestamp(submitted),
      startedAt: pending ? null : timestamp(start),
      endedAt: null,
      estimatedStartAt: pending ? timestamp(start) : null,
      elapsedSeconds: duration(elapsed),
      timeLimitSeconds: timeLimit(limit),
      nodes: nodes === '' || nodes.startsWith('(') ? null : nodes,
      nodeCount: count,
      cpus: cpuCount,
      requestedMemoryBytes: requestedMemory(memory, count),
      workDir: null,
      exit: null,
      source: 'queue',
    });
  }
  return rows;
}

/** A pure reader remembered per distinct input, for one parse. */
function memo<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text)!;
    const value = read(text);
    seen.set(text, value);
    return value;
  };
}

/**
 * squeue's `%m` is the minimum memory per node, or per CPU when the job asked per CPU (22.05 prints
 * both as a bare size, so a per-CPU request shows as the per-node figure here; scontrol's detail
 * view has the exact total).
 */
function requestedMemory(text: string, nodes: number | null): number | null {
  const perNode = readBytes(text, 'M');
  if (perNode === null || perNode === 0) return null;
  return perNode * (nodes ?? 1);
}

/** Grouped rows of pending tasks as one row per task, like `squeue -r`. */
export function unrollTasks(rows: readonly QueueRow[]): QueueRow[] {
  const out: QueueRow[] = [];
  for (const row of rows) {
    if (row.arrayTasks === null) {
      out.push(row);
      continue;
    }
    for (const task of expandTaskRange(row.arrayTasks, 'squeue', row.slurmId)) {
      out.push({ ...row, slurmId: `${row.jobId}_${task}`, arrayTaskId: task, arrayTasks: null });
    }
  }
  return out;
}

/** What the job tracker needs of a row: the same shape `squeue -j` gives it. */
export function toQueueEntries(rows: readonly QueueRow[]): QueueEntry[] {
  return unrollTasks(rows).map((row) => ({
    slurmId: row.slurmId,
    jobId: row.jobId,
    arrayTaskId: row.arrayTaskId,
    state: row.state,
    reason: row.reason,
    elapsedSeconds: row.elapsedSeconds,
    timeLimitSeconds: row.timeLimitSeconds,
    nodes: row.nodes,
  }));
}
