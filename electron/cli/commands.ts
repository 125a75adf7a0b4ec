import { setTimeout as sleep } from 'node:timers/promises';
import { formatBytes } from '../../shared/files/formatBytes';
import { summarize, type JobRecord } from '../../shared/jobs/jobRecord';
import type { JobSpecInput } from '../../shared/jobs/jobSpec';
import { isSuccess, isTerminal } from '../../shared/jobs/jobState';
import type { AppServices } from '../services/appServices';
import { readResult } from '../services/jobs/jobOutputs';
import { UsageError } from './cliErrors';
import { backendFiles, refreshed, resultText } from './jobOutputCommands';
import { jobLine, shown, type Output } from './output';
import { specFromFlags, type SubmitFlags } from './submitSpec';

export type CommandContext = { services: AppServices; output: Output; cwd: string };

export async function submitCommand(context: CommandContext, flags: SubmitFlags & { wait: boolean; timeout?: string }): Promise<number> {
  const spec = specFromFlags(flags, context.cwd);
  await announceShipping(context, spec);
  return reportSubmission(context, await context.services.engine.submit(spec), flags);
}

/** Before anything is sent: how many files and bytes a project upload holds, and what it runs in. */
export async function announceShipping(context: CommandContext, spec: JobSpecInput): Promise<void> {
  if (context.output.json || (!spec.upload && !spec.packaging)) return;
  const { shipping } = await context.services.engine.preview(spec);
  if (!shipping) return;
  context.output.log(`Shipping ${shipping.files} files (${formatBytes(shipping.bytes)}; only what the cluster's cache lacks is sent), ${shown(shipping.environment)}${shipping.image ? `, image ${shown(shipping.image)}` : ''}`);
  for (const entry of shipping.skipped) context.output.log(`  left out ${shown(entry.path)}: ${entry.reason}`);
}

/** Prints a submitted job, or with --wait waits for its end and prints its result. */
export async function reportSubmission(context: CommandContext, submitted: JobRecord, flags: { wait: boolean; timeout?: string }): Promise<number> {
  let record = submitted;
  if (!flags.wait) {
    context.output.print({ job: summarize(record) }, () => `Submitted ${record.id} (${shown(record.cluster)} job ${shown(record.slurmId ?? '-')}) in ${shown(record.jobDir)}`);
    return 0;
  }
  if (!context.output.json) context.output.log(`Submitted ${record.id} (${shown(record.cluster)} job ${shown(record.slurmId ?? '-')}); waiting for it to finish…`);
  record = await waitFor(context, record, flags.timeout === undefined ? null : seconds(flags.timeout));
  const result = record.spec.task.kind === 'python' && !record.spec.array ? await readResult(backendFiles(context, record), record, null) : null;
  context.output.print({ job: summarize(record), result }, () => {
    const lines = [jobLine(summarize(record))];
    if (result && result.kind !== 'none') lines.push(resultText(result));
    return lines.join('\n');
  });
  return isSuccess(record.state) ? 0 : 1;
}

export async function cancelCommand(context: CommandContext, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) throw new UsageError('cancel needs at least one job id.');
  const jobs = (await context.services.engine.cancel(ids)).map(summarize);
  context.output.print({ jobs }, () => jobs.map((job) => `Cancel requested: ${job.id} (${shown(job.cluster)} job ${shown(job.slurmId ?? '-')})`).join('\n'));
  return 0;
}

async function waitFor(context: CommandContext, record: JobRecord, timeoutSeconds: number | null): Promise<JobRecord> {
  const deadline = timeoutSeconds === null ? Infinity : Date.now() + timeoutSeconds * 1000;
  let current = record;
  let delay = 250;
  while (!isTerminal(current.state)) {
    if (Date.now() > deadline) {
      context.output.log(`Still ${current.state.toLowerCase()} after ${timeoutSeconds} s; it keeps running — check it with: slurmdesk status ${current.id}`);
      return current;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
    current = await refreshed(context, current.id);
  }
  return current;
}

function seconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`Expected a whole number, not ${JSON.stringify(value)}.`);
  return Number(value);
}
