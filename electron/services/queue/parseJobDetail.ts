import { describeReason, isTerminal } from '../../../shared/jobs/jobState';
import type { JobDetail } from '../../../shared/queue/jobDetail';
import { scontrolPairs } from '../slurm/parseScontrol';
import { outputError, readDuration, readExitCode, readReason, readState, readTimeLimit, readTimestamp } from '../slurm/slurmFields';
import { describePendingAdvice } from './pendingAdvice';
import { readBytes, readCount, readNumber, readText, readTres } from './queueFields';

/** What the detail parser fills; the handler adds the cluster, the app's id and efficiency. */
export type JobDetailFields = Omit<JobDetail, 'cluster' | 'appJobId' | 'efficiency'>;

/** `root(0)` → `root`: scontrol prints the uid beside the name. */
function userName(text: string): string {
  return text.replace(/\(\d+\)$/, '');
}

/**
 * The first record of `scontrol show job -o ID`. For an array's id scontrol prints every task; the
 * caller asks for one task id (`123_4`) to get that one, or gets the first record back.
 */
export function parseJobDetail(output: string): JobDetailFields | null {
  const line = output.split('\n').find((candidate) => candidate.startsWith('JobId='));
  if (line === undefined) return null;
  const pairs = scontrolPairs(line);
  const field = (key: string) => pairs.get(key) ?? '';
  const ownId = field('JobId');
  if (!/^\d+$/.test(ownId)) throw outputError('scontrol', line, `unreadable JobId "${ownId}"`);
  const state = readState(field('JobState'), 'scontrol', line);
  const final = isTerminal(state);
  const pending = state === 'PENDING';
  // Ids only from before JobName, where a name cannot forge them (see parseScontrol).
  const nameAt = line.indexOf(' JobName=');
  const idPairs = scontrolPairs(nameAt < 0 ? line : line.slice(0, nameAt));
  const arrayJobId = idPairs.get('ArrayJobId');
  const taskText = idPairs.get('ArrayTaskId');
  const task = taskText !== undefined && /^\d+$/.test(taskText) ? Number(taskText) : null;
  const jobId = arrayJobId !== undefined && /^\d+$/.test(arrayJobId) ? arrayJobId : ownId;
  const nodes = readCount(field('NumNodes').split('-')[0] ?? '');
  const reason = readReason(field('Reason'));
  // 22.05 prints the allocation (or the request, while pending) as TRES=; later releases add ReqTRES=.
  const requestedTres = readText(field('ReqTRES')) ?? readText(field('TRES'));
  const cpus = readCount(field('NumCPUs'));
  const timeLimitSeconds = readTimeLimit(field('TimeLimit'));
  return {
    slurmId: task !== null ? `${jobId}_${task}` : ownId,
    jobId,
    arrayTaskId: task,
    name: field('JobName'),
    user: userName(field('UserId')),
    account: readText(field('Account')),
    partition: readText(field('Partition')),
    qos: readText(field('QOS')),
    state,
    reason,
    reasonText: describeReason(reason),
    reasonAdvice: pending ? describePendingAdvice(reason) : null,
    command: readText(field('Command')),
    workDir: readText(field('WorkDir')),
    stdoutPath: readText(field('StdOut')),
    stderrPath: readText(field('StdErr')),
    stdinPath: readText(field('StdIn')),
    nodes: readText(field('NodeList')),
    nodeCount: nodes,
    cpus,
    requestedMemoryBytes: requestedMemory(field, nodes, cpus),
    requestedTres,
    allocatedTres: readText(field('AllocTRES')) ?? (pending ? null : readText(field('TRES'))),
    timeLimitSeconds: timeLimitSeconds === null ? null : Math.round(timeLimitSeconds),
    elapsedSeconds: readDuration(field('RunTime')),
    submittedAt: readTimestamp(field('SubmitTime')),
    startedAt: pending ? null : readTimestamp(field('StartTime')),
    endedAt: final ? readTimestamp(field('EndTime')) : null,
    // While pending, StartTime is the backfill scheduler's estimate (Unknown when it has none).
    estimatedStartAt: pending ? readTimestamp(field('StartTime')) : null,
    priority: readCount(field('Priority')),
    nice: readNumber(field('Nice')),
    dependency: readText(field('Dependency')),
    exit: final ? readExitCode(field('ExitCode')) : null,
    batchHost: readText(field('BatchHost')),
    source: 'queue',
    allowedActions: allowedActions(state),
  };
}

/** Memory asked for, in total: TRES mem=, else MinMemoryNode × nodes or MinMemoryCPU × CPUs. */
function requestedMemory(field: (key: string) => string, nodes: number | null, cpus: number | null): number | null {
  const fromTres = readTres(field('ReqTRES')).get('mem') ?? readTres(field('TRES')).get('mem');
  if (fromTres !== undefined) return readBytes(fromTres, 'M');
  const perNode = readBytes(field('MinMemoryNode'), 'M');
  if (perNode !== null && perNode > 0) return perNode * (nodes ?? 1);
  const perCpu = readBytes(field('MinMemoryCPU'), 'M');
  return perCpu !== null && perCpu > 0 ? perCpu * (cpus ?? 1) : null;
}

/** What control makes sense in each state; Slurm has the last word, this only keeps buttons honest. */
export function allowedActions(state: JobDetail['state']): JobDetail['allowedActions'] {
  if (isTerminal(state)) return [];
  if (state === 'PENDING') return ['cancel', 'hold', 'release', 'update'];
  if (state === 'RUNNING' || state === 'SUSPENDED') return ['cancel', 'signal', 'requeue', 'update'];
  if (state === 'REQUEUE_HOLD' || state === 'SPECIAL_EXIT') return ['cancel', 'release'];
  return ['cancel'];
}
