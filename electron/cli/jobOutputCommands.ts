import { setTimeout as sleep } from 'node:timers/promises';
import type { JobTask } from '../../shared/contract/jobsMethods';
import type { JobRecord } from '../../shared/jobs/jobRecord';
import { formatArrayIndices } from '../../shared/jobs/arrayRange';
import { isTerminal } from '../../shared/jobs/jobState';
import { readLogBytes, readResult, type JobResult } from '../services/jobs/jobOutputs';
import { jobFiles } from '../services/jobs/jobFolder';
import { listTasks, taskIndices } from '../services/jobs/jobTasks';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { shown } from './output';

/** Past these, printing every task's output (or result) together helps nobody: pick one. */
export const maxTasksLogged = 20;
export const maxTasksSummarized = 200;

type LogsFlags = { stderr: boolean; task?: string; follow: boolean; raw: boolean };

/** `slurmdesk logs ID`: the end of a job's output; an array's tasks one after another, or one with --task. */
export async function logsCommand(context: CommandContext, id: string, flags: LogsFlags): Promise<number> {
  const record = context.services.engine.get(id);
  const stream = flags.stderr ? ('stderr' as const) : ('stdout' as const);
  const task = taskFlag(record, flags.task);
  if (record.spec.array && task === null) {
    const indices = taskIndices(record);
    if (flags.follow) throw new UsageError(`--follow reads one task's output: give --task N (job ${record.id} has tasks ${describeIndices(indices)}).`);
    if (indices.length > maxTasksLogged) {
      throw new UsageError(
        `Job ${record.id} is an array of ${indices.length} tasks, too many to print together; pick one with: slurmdesk logs ${record.id} --task N (tasks ${describeIndices(indices)}; slurmdesk result ${record.id} lists their states).`,
      );
    }
    return logsOfEveryTask(context, record, stream, flags.raw);
  }
  const files = backendFiles(context, record);
  let chunk = await readLogBytes(files, record, { stream, task, tail: true, length: 64 * 1024 });
  if (context.output.json && !flags.follow) {
    const { bytes, ...place } = chunk;
    context.output.print({ text: new TextDecoder().decode(bytes), ...place }, () => '');
    return 0;
  }
  context.output.data(chunk.bytes, flags);
  let current = record;
  while (flags.follow) {
    // Follow reads only what was appended, from the last offset, until the job has ended.
    chunk = await readLogBytes(files, current, { stream, task, offset: chunk.nextOffset, length: 1024 * 1024 });
    context.output.data(chunk.bytes, flags);
    if (chunk.nextOffset >= chunk.size) {
      if (isTerminal(current.state)) break;
      await sleep(1000);
      current = await refreshed(context, current.id);
    }
  }
  return 0;
}

async function logsOfEveryTask(context: CommandContext, record: JobRecord, stream: 'stdout' | 'stderr', raw: boolean): Promise<number> {
  const files = backendFiles(context, record);
  const tasks = await listTasks(record, context.services.backend(record.cluster));
  const read = [];
  for (const task of tasks) read.push({ task, chunk: await readLogBytes(files, record, { stream, task: task.index, tail: true, length: 64 * 1024 }) });
  const fileOf = (index: number) => (stream === 'stdout' ? jobFiles.stdout(index) : jobFiles.stderr(index));
  if (context.output.json) {
    const decoder = new TextDecoder();
    const listed = read.map(({ task, chunk: { bytes, ...place } }) => ({ index: task.index, state: task.state, file: fileOf(task.index), text: decoder.decode(bytes), ...place }));
    context.output.print({ tasks: listed }, () => '');
    return 0;
  }
  read.forEach(({ task, chunk }, position) => {
    // One header per task, as tail(1) does for several files; a blank line between tasks.
    context.output.print(null, () => `${position > 0 ? '\n' : ''}==> task ${task.index} (${task.state}) ${fileOf(task.index)} <==`);
    context.output.data(chunk.bytes, { raw });
    if (chunk.bytes.length > 0 && chunk.bytes[chunk.bytes.length - 1] !== 0x0a) context.output.data(new TextEncoder().encode('\n'), { raw: true });
  });
  return 0;
}

/** `slurmdesk result ID`: a Python task's result; an array's tasks summarized, or one with --task. */
export async function resultCommand(context: CommandContext, id: string, flags: { task?: string }): Promise<number> {
  const record = context.services.engine.get(id);
  const task = taskFlag(record, flags.task);
  if (record.spec.array && task === null && record.spec.task.kind === 'python') return resultsOfEveryTask(context, record);
  const result = await readResult(backendFiles(context, record), record, task);
  context.output.print(result, () => resultText(result));
  return succeeded(result) ? 0 : 1;
}

async function resultsOfEveryTask(context: CommandContext, record: JobRecord): Promise<number> {
  const indices = taskIndices(record);
  if (indices.length > maxTasksSummarized) {
    throw new UsageError(`Job ${record.id} is an array of ${indices.length} tasks, too many to summarize; pick one with: slurmdesk result ${record.id} --task N (tasks ${describeIndices(indices)}).`);
  }
  const files = backendFiles(context, record);
  const tasks: { index: number; state: JobTask['state']; result: JobResult }[] = [];
  for (const task of await listTasks(record, context.services.backend(record.cluster))) {
    tasks.push({ index: task.index, state: task.state, result: await readResult(files, record, task.index) });
  }
  context.output.print({ tasks }, () =>
    [
      `${'TASK'.padEnd(6)}${'STATE'.padEnd(14)}RESULT`,
      ...tasks.map(({ index, state, result }) => `${String(index).padEnd(6)}${state.padEnd(14)}${oneLine(result)}`),
      `One task in full: slurmdesk result ${record.id} --task N`,
    ].join('\n'),
  );
  return tasks.every(({ result }) => succeeded(result)) ? 0 : 1;
}

function succeeded(result: JobResult): boolean {
  return result.kind === 'json' || result.kind === 'repr' || result.kind === 'too-large';
}

export function resultText(result: JobResult): string {
  switch (result.kind) {
    case 'json':
      return JSON.stringify(result.value, null, 2);
    case 'repr':
      return `(not JSON; the app never unpickles) ${result.text}`;
    case 'error':
      return result.traceback || `${result.type}: ${result.message}`;
    case 'none':
      return result.message;
    case 'too-large':
      return tooLargeLine(result);
  }
}

/** A task's result on one line of the summary, cut to a width a terminal shows. */
function oneLine(result: JobResult): string {
  const text = result.kind === 'json' ? JSON.stringify(result.value) : result.kind === 'error' ? `${result.type}: ${result.message}` : result.kind === 'repr' ? `(not JSON) ${result.text}` : resultText(result);
  const single = shown(text);
  return single.length > 100 ? `${single.slice(0, 99)}…` : single;
}

export function tooLargeLine(result: { file: string; path: string; size: number; limit: number }): string {
  return `${result.file} is ${result.size} bytes, more than the ${result.limit} the app reads at once; it is at ${result.path}.`;
}

/** The --task flag checked against the job: an index of its array, or null when not given. */
function taskFlag(record: JobRecord, text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!record.spec.array) throw new UsageError(`Job ${record.id} is not an array job: leave out --task.`);
  if (!/^\d+$/.test(text)) throw new UsageError(`--task takes a task index (a whole number), not ${JSON.stringify(text)}.`);
  const index = Number(text);
  const indices = taskIndices(record);
  if (!indices.includes(index)) throw new UsageError(`Job ${record.id} has no task ${index}; its tasks are ${describeIndices(indices)}.`);
  return index;
}

/** `0-9, 12, 20-29`: indices as Slurm writes an array range. */
export function describeIndices(indices: readonly number[]): string {
  return formatArrayIndices(indices, ', ') || 'none';
}

export async function refreshed(context: CommandContext, id: string): Promise<JobRecord> {
  const record = context.services.engine.get(id);
  if (!isTerminal(record.state)) await context.services.tracker.refresh(record.cluster);
  return context.services.engine.get(record.id);
}

export function backendFiles(context: CommandContext, record: JobRecord) {
  return context.services.backend(record.cluster).files;
}
