import { isTerminal, describeReason } from '../../../shared/jobs/jobState';
import { computeEfficiency, type EfficiencyInput, type JobEfficiency } from '../../../shared/queue/efficiency';
import { expandTaskRange, outputError, readExitCode, readReason, readState, readTimestamp } from '../slurm/slurmFields';
import type { QueueRow } from './parseQueueRows';
import { readBytes, readCount, readCpuTime, readNumber, readText, readTres, tresGpus } from './queueFields';

/**
 * Finished jobs and their steps from one sacct call (taken without -X, so each job's steps come
 * with it: MaxRSS lives on steps). Free text comes last: WorkDir, then JobName, which may hold `|`.
 */
export const sacctHistoryFields = [
  'JobID', 'State', 'ExitCode', 'Submit', 'Start', 'End', 'ElapsedRaw', 'TimelimitRaw', 'AllocCPUS', 'TotalCPU', 'MaxRSS',
  'ReqMem', 'ReqTRES', 'AllocTRES', 'TRESUsageInAve', 'NNodes', 'NodeList', 'User', 'Account', 'Partition', 'QOS', 'Reason', 'WorkDir', 'JobName',
].join(',');
const fixedFields = 22;

export type HistoryRow = QueueRow & { efficiency: JobEfficiency | null };

type Accumulated = { row: QueueRow; input: EfficiencyInput; stepCpuSeconds: number; jobCpuSeconds: number | null };

/**
 * Parses `sacct -P -n -o sacctHistoryFields`. Step rows (`12.batch`, `12.0`, `12_3.extern`) add
 * their MaxRSS peak, CPU time and GPU use to their job; heterogeneous components (`12+1`) are
 * skipped. Jobs still running come back too (the caller keeps them out of history while the
 * queue shows them); efficiency is only computed for jobs that ended.
 */
export function parseSacctHistory(output: string): HistoryRow[] {
  const jobs = new Map<string, Accumulated>();
  const steps: { key: string; fields: string[]; line: string }[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    if (fields.length < fixedFields + 2) throw outputError('sacct', line, `expected ${fixedFields + 2} fields, found ${fields.length}`);
    const idField = fields[0]!;
    if (idField.includes('+')) continue;
    const dot = idField.indexOf('.');
    if (dot >= 0) {
      steps.push({ key: idField.slice(0, dot), fields, line });
      continue;
    }
    for (const accumulated of readJob(fields, line)) jobs.set(accumulated.row.slurmId, accumulated);
  }
  for (const step of steps) {
    const job = jobs.get(step.key);
    if (job) addStep(job, step.fields);
  }
  return [...jobs.values()].map(finish);
}

function readJob(fields: string[], line: string): Accumulated[] {
  const [idField, state, exit, submitted, start, end, elapsed, limitMinutes, cpus, totalCpu, , reqMem, reqTres, allocTres, , nodeCount, nodeList, user, account, partition, qos, reason] =
    fields as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
  const match = /^(\d+)(?:_(\d+)|_\[([^\]]+)\])?$/.exec(idField);
  if (!match) throw outputError('sacct', line, `unreadable JobID "${idField}"`);
  const jobId = match[1]!;
  const jobState = readState(state, 'sacct', line);
  const final = isTerminal(jobState);
  const nodes = readCount(nodeCount);
  const allocatedCpus = readCount(cpus);
  const requested = readTres(reqTres);
  const allocated = readTres(allocTres);
  const memory = requested.get('mem') ?? null;
  const requestedMemoryBytes = memory !== null ? readBytes(memory, 'M') : reqMemBytes(reqMem, nodes, allocatedCpus);
  const limit = readCount(limitMinutes);
  const reasonWord = readReason(reason);
  const base: QueueRow = {
    slurmId: jobId,
    jobId,
    arrayTaskId: null,
    arrayTasks: null,
    name: fields.slice(fixedFields + 1).join('|'),
    user: user.trim(),
    account: readText(account),
    partition: readText(partition),
    qos: readText(qos),
    state: jobState,
    reason: reasonWord,
    reasonText: describeReason(reasonWord),
    submittedAt: readTimestamp(submitted),
    startedAt: readTimestamp(start),
    endedAt: final ? readTimestamp(end) : null,
    estimatedStartAt: null,
    elapsedSeconds: readCount(elapsed),
    timeLimitSeconds: limit === null ? null : limit * 60,
    nodes: readText(nodeList) === 'None assigned' ? null : readText(nodeList),
    nodeCount: nodes,
    cpus: allocatedCpus,
    requestedMemoryBytes,
    workDir: readText(fields[fixedFields]!),
    exit: final ? readExitCode(exit) : null,
    source: 'history',
  };
  const input: EfficiencyInput = {
    elapsedSeconds: base.elapsedSeconds,
    timeLimitSeconds: base.timeLimitSeconds,
    allocatedCpus,
    totalCpuSeconds: null,
    maxRssBytes: null,
    requestedMemoryBytes,
    gpus: tresGpus(allocated),
    gpuUtilization: null,
  };
  const jobCpuSeconds = readCpuTime(totalCpu);
  const accumulate = (row: QueueRow): Accumulated => ({ row, input: { ...input }, stepCpuSeconds: 0, jobCpuSeconds });
  if (match[2] !== undefined) return [accumulate({ ...base, slurmId: `${jobId}_${match[2]}`, arrayTaskId: Number(match[2]) })];
  if (match[3] !== undefined) {
    // Tasks that never started: one record in sacct, one row per task here.
    return expandTaskRange(match[3], 'sacct', line).map((task) => accumulate({ ...base, slurmId: `${jobId}_${task}`, arrayTaskId: task }));
  }
  return [accumulate(base)];
}

/** Old releases print ReqMem as `4000Mn` (per node) or `1000Mc` (per CPU); newer ones as the total. */
function reqMemBytes(text: string, nodes: number | null, cpus: number | null): number | null {
  const bytes = readBytes(text, 'M');
  if (bytes === null || bytes === 0) return null;
  if (/c$/i.test(text.trim())) return bytes * (cpus ?? 1);
  if (/n$/i.test(text.trim())) return bytes * (nodes ?? 1);
  return bytes;
}

function addStep(job: Accumulated, fields: string[]): void {
  const rss = readBytes(fields[10]!);
  if (rss !== null) job.input.maxRssBytes = Math.max(job.input.maxRssBytes ?? 0, rss);
  job.stepCpuSeconds += readCpuTime(fields[9]!) ?? 0;
  // gres/gpuutil is a percentage, recorded only where the site gathers GPU statistics.
  const utilization = readNumber(readTres(fields[14]!).get('gres/gpuutil') ?? '');
  if (utilization !== null) job.input.gpuUtilization = Math.max(job.input.gpuUtilization ?? 0, utilization / 100);
}

function finish(job: Accumulated): HistoryRow {
  if (!isTerminal(job.row.state)) return { ...job.row, efficiency: null };
  // The job's own line sums its steps in current releases; older ones leave it 0, so the steps count.
  const cpuSeconds = job.jobCpuSeconds !== null && job.jobCpuSeconds > 0 ? job.jobCpuSeconds : job.stepCpuSeconds;
  const ran = (job.row.elapsedSeconds ?? 0) > 0;
  return { ...job.row, efficiency: computeEfficiency({ ...job.input, totalCpuSeconds: ran ? cpuSeconds : null }) };
}
