import { setTimeout as sleep } from 'node:timers/promises';
import { summarize, type JobRecord } from '../../shared/jobs/jobRecord';
import { isSuccess, isTerminal, JobStateSchema } from '../../shared/jobs/jobState';
import type { AppServices } from '../services/appServices';
import { readLog, readResult } from '../services/jobs/jobOutputs';
import { UsageError } from './cliErrors';
import { jobLine, jobTable, type Output } from './output';
import { specFromFlags, type SubmitFlags } from './submitSpec';

export type CommandContext = { services: AppServices; output: Output; cwd: string; log: (text: string) => void };

export async function submitCommand(context: CommandContext, flags: SubmitFlags & { wait: boolean; timeout?: string }): Promise<number> {
  const spec = specFromFlags(flags, context.cwd);
  return reportSubmission(context, await context.services.engine.submit(spec), flags);
}

/** Prints a submitted job, or with --wait waits for its end and prints its result. */
export async function reportSubmission(context: CommandContext, submitted: JobRecord, flags: { wait: boolean; timeout?: string }): Promise<number> {
  let record = submitted;
  if (!flags.wait) {
    context.output.print({ job: summarize(record) }, () => `Submitted ${record.id} (${record.cluster} job ${record.slurmId}) in ${record.jobDir}`);
    return 0;
  }
  if (!context.output.json) context.log(`Submitted ${record.id} (${record.cluster} job ${record.slurmId}); waiting for it to finish…`);
  record = await waitFor(context, record, flags.timeout === undefined ? null : seconds(flags.timeout));
  const result = record.spec.task.kind === 'python' && !record.spec.array ? await readResult(backendFiles(context, record), record, null) : null;
  context.output.print({ job: summarize(record), result }, () => {
    const lines = [jobLine(summarize(record))];
    if (result?.kind === 'json') lines.push(JSON.stringify(result.value, null, 2));
    if (result?.kind === 'repr') lines.push(`(not JSON) ${result.text}`);
    if (result?.kind === 'error') lines.push(result.traceback || `${result.type}: ${result.message}`);
    if (result?.kind === 'too-large') lines.push(tooLargeLine(result));
    return lines.join('\n');
  });
  return isSuccess(record.state) ? 0 : 1;
}

export async function jobsCommand(context: CommandContext, flags: { cluster?: string; state?: string }): Promise<number> {
  await context.services.tracker.refreshAll();
  const states = flags.state ? [JobStateSchema.parse(flags.state.toUpperCase())] : undefined;
  const jobs = context.services.engine.list({ ...(flags.cluster ? { cluster: flags.cluster } : {}), ...(states ? { states } : {}) });
  context.output.print({ jobs }, () => jobTable(jobs));
  return 0;
}

export async function statusCommand(context: CommandContext, id: string): Promise<number> {
  const record = await refreshed(context, id);
  context.output.print({ job: summarize(record) }, () => jobLine(summarize(record)));
  return 0;
}

export async function logsCommand(context: CommandContext, id: string, flags: { stderr: boolean; task?: string; follow: boolean }): Promise<number> {
  let record = context.services.engine.get(id);
  const files = backendFiles(context, record);
  const request = { stream: flags.stderr ? ('stderr' as const) : ('stdout' as const), task: flags.task === undefined ? null : seconds(flags.task) };
  let chunk = await readLog(files, record, { ...request, tail: true, length: 64 * 1024 });
  const write = (text: string) => process.stdout.write(text);
  if (context.output.json && !flags.follow) {
    context.output.print(chunk, () => chunk.text);
    return 0;
  }
  write(chunk.text);
  while (flags.follow) {
    // Follow reads only what was appended, from the last offset, until the job has ended.
    chunk = await readLog(files, record, { ...request, offset: chunk.nextOffset, length: 1024 * 1024 });
    write(chunk.text);
    if (chunk.nextOffset >= chunk.size) {
      if (isTerminal(record.state)) break;
      await sleep(1000);
      record = await refreshed(context, record.id);
    }
  }
  return 0;
}

export async function resultCommand(context: CommandContext, id: string, flags: { task?: string }): Promise<number> {
  const record = context.services.engine.get(id);
  const result = await readResult(backendFiles(context, record), record, flags.task === undefined ? null : seconds(flags.task));
  context.output.print(result, () => {
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
  });
  return result.kind === 'json' || result.kind === 'repr' || result.kind === 'too-large' ? 0 : 1;
}

function tooLargeLine(result: { file: string; path: string; size: number; limit: number }): string {
  return `${result.file} is ${result.size} bytes, more than the ${result.limit} the app reads at once; it is at ${result.path}.`;
}

export async function cancelCommand(context: CommandContext, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) throw new UsageError('cancel needs at least one job id.');
  const jobs = (await context.services.engine.cancel(ids)).map(summarize);
  context.output.print({ jobs }, () => jobs.map((job) => `Cancel requested: ${job.id} (${job.cluster} job ${job.slurmId ?? '-'})`).join('\n'));
  return 0;
}

async function refreshed(context: CommandContext, id: string): Promise<JobRecord> {
  const record = context.services.engine.get(id);
  if (!isTerminal(record.state)) await context.services.tracker.refresh(record.cluster);
  return context.services.engine.get(record.id);
}

async function waitFor(context: CommandContext, record: JobRecord, timeoutSeconds: number | null): Promise<JobRecord> {
  const deadline = timeoutSeconds === null ? Infinity : Date.now() + timeoutSeconds * 1000;
  let current = record;
  let delay = 250;
  while (!isTerminal(current.state)) {
    if (Date.now() > deadline) {
      context.log(`Still ${current.state.toLowerCase()} after ${timeoutSeconds} s; it keeps running — check it with: slurmdesk status ${current.id}`);
      return current;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
    current = await refreshed(context, current.id);
  }
  return current;
}

function backendFiles(context: CommandContext, record: JobRecord) {
  return context.services.backend(record.cluster).files;
}

function seconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`Expected a whole number, not ${JSON.stringify(value)}.`);
  return Number(value);
}
