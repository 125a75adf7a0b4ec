import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueJob } from '../../shared/queue/queueJob';
import { HistoryWindowSchema, type HistoryWindow } from '../../shared/queue/queueJob';
import { JobSignalSchema, type QueueAction } from '../../shared/queue/queueControl';
import type { JobDetail } from '../../shared/queue/jobDetail';
import { summarize } from '../../shared/jobs/jobRecord';
import { isTerminal, JobStateSchema } from '../../shared/jobs/jobState';
import { call } from './callMethod';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { clusterOfJob, everyCluster } from './queueClusters';
import { jobLine, jobTable, shown } from './output';
import { describeDetail, queueTable } from './queueOutput';

export type JobsFlags = { cluster?: string; state?: string; 'app-only': boolean; 'all-sources': boolean; history?: string };

function historyFlag(value: string | undefined, fallback: HistoryWindow): HistoryWindow {
  if (value === undefined) return fallback;
  const parsed = HistoryWindowSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--history is one of ${HistoryWindowSchema.options.join(', ')}; not ${JSON.stringify(value)}.`);
  return parsed.data;
}

/**
 * A cluster's answer is awaited this long when every cluster is asked at once: Slurm's tools wait
 * about 9 s for a controller that is down, and one stopped cluster should not hold up the list.
 */
const everyClusterDeadlineMs = 5_000;

/** Each cluster's queue rows, or why it could not be read: one cluster down does not hide the rest. */
async function queuesOf(
  context: CommandContext,
  clusters: readonly string[],
  params: { history: HistoryWindow; sources: 'all' | 'outside-app'; unrollArrays: boolean },
  deadlineMs: number | null,
) {
  const rows: QueueJob[] = [];
  const problems: { cluster: string; message: string }[] = [];
  const accounting: { cluster: string; state: string; message: string | null }[] = [];
  const ask = async (cluster: string) => {
    const listed = call(context, 'queue.list', { cluster, ...params, refresh: true, limit: 20_000 });
    if (deadlineMs === null) return listed;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs / 1000} s; slurmdesk queue --cluster ${cluster} waits longer`)), deadlineMs);
    });
    return Promise.race([listed, late]).finally(() => clearTimeout(timer));
  };
  const answers = await Promise.allSettled(clusters.map(ask));
  answers.forEach((answer, index) => {
    const cluster = clusters[index]!;
    if (answer.status === 'rejected') {
      problems.push({ cluster, message: answer.reason instanceof Error ? answer.reason.message : String(answer.reason) });
      return;
    }
    const listed = answer.value;
    if (!listed.status.reachable) problems.push({ cluster, message: listed.status.message ?? 'unreachable' });
    accounting.push({ cluster, ...listed.status.accounting });
    rows.push(...listed.jobs);
  });
  return { rows, problems, accounting };
}

function notes(problems: { cluster: string; message: string }[], accounting: { cluster: string; state: string; message: string | null }[]): string[] {
  return [
    ...problems.map((problem) => `warning: ${shown(problem.cluster)}: ${shown(problem.message)}`),
    ...accounting.filter((entry) => entry.state === 'unavailable').map((entry) => `note: ${shown(entry.cluster)}: ${shown(entry.message ?? 'no accounting')}`),
  ];
}

/**
 * `slurmdesk jobs`: the app's jobs and, unless --app-only, every other job of the person that the
 * clusters know (a terminal sbatch, another tool), on every cluster unless --cluster names one.
 */
export async function jobsCommand(context: CommandContext, flags: JobsFlags): Promise<number> {
  if (flags['app-only'] && flags['all-sources']) throw new UsageError('--app-only and --all-sources exclude each other.');
  const { tracker, engine } = context.services;
  const state = flags.state === undefined ? undefined : jobState(flags.state);
  if (flags.cluster) await tracker.refresh(flags.cluster);
  else await tracker.refreshAll();
  let jobs = engine.list({ ...(flags.cluster ? { cluster: flags.cluster } : {}) });
  if (state !== undefined) jobs = jobs.filter((job) => job.state === state);
  let others: Awaited<ReturnType<typeof queuesOf>> = { rows: [], problems: [], accounting: [] };
  if (!flags['app-only']) {
    const clusters = flags.cluster ? [flags.cluster] : everyCluster(context).filter((cluster) => cluster !== 'embedded');
    const deadline = flags.cluster ? null : everyClusterDeadlineMs;
    others = await queuesOf(context, clusters, { history: historyFlag(flags.history, 'today'), sources: 'outside-app', unrollArrays: false }, deadline);
    if (state !== undefined) others.rows = others.rows.filter((row) => row.state === state);
  }
  context.output.print({ jobs, others: others.rows, problems: others.problems, accounting: others.accounting }, () => {
    const lines = [jobTable(jobs)];
    if (others.rows.length > 0) lines.push('', 'Other jobs of yours (not submitted by Slurm Desk):', queueTable(others.rows));
    lines.push(...notes(others.problems, others.accounting));
    return lines.join('\n');
  });
  return 0;
}

function jobState(text: string) {
  const parsed = JobStateSchema.safeParse(text.toUpperCase());
  if (!parsed.success) throw new UsageError(`--state is one of ${JobStateSchema.options.join(', ')}; not ${JSON.stringify(text)}.`);
  return parsed.data;
}

export type QueueFlags = { cluster?: string; history?: string; unroll: boolean; partition?: string };

/** `slurmdesk queue`: every job of the person as Slurm lists it; --partition: everyone's, read-only. */
export async function queueCommand(context: CommandContext, flags: QueueFlags): Promise<number> {
  if (flags.partition !== undefined) {
    const cluster = flags.cluster ?? 'local';
    const listed = await call(context, 'queue.partition', { cluster, partition: flags.partition, limit: 20_000 });
    context.output.print(listed, () => queueTable(listed.jobs, { user: true }));
    return 0;
  }
  const clusters = flags.cluster ? [flags.cluster] : everyCluster(context);
  const { rows, problems, accounting } = await queuesOf(context, clusters, { history: historyFlag(flags.history, 'today'), sources: 'all', unrollArrays: flags.unroll }, flags.cluster ? null : everyClusterDeadlineMs);
  context.output.print({ jobs: rows, problems, accounting }, () => [queueTable(rows), ...notes(problems, accounting)].join('\n'));
  return 0;
}

async function knows(context: CommandContext, cluster: string, slurmId: string): Promise<boolean> {
  await call(context, 'queue.job', { cluster, slurmId });
  return true;
}

export async function detailOf(context: CommandContext, slurmId: string, cluster: string | undefined): Promise<JobDetail> {
  const where = await clusterOfJob(context, slurmId, cluster, (candidate) => knows(context, candidate, slurmId));
  return call(context, 'queue.job', { cluster: where, slurmId });
}

/**
 * `slurmdesk status ID`: the app's record for its own jobs (sd-… or their Slurm id), else what
 * Slurm knows of any job of the cluster.
 */
export async function statusCommand(context: CommandContext, id: string, flags: { cluster?: string }): Promise<number> {
  const { engine, tracker } = context.services;
  const own = id.startsWith('sd-') || flags.cluster === undefined ? [...engine.journal.all()].find((record) => record.id === id || record.slurmId === id) : undefined;
  if (own || id.startsWith('sd-')) {
    const record = engine.get(id);
    if (!isTerminal(record.state)) await tracker.refresh(record.cluster);
    const job = summarize(engine.get(record.id));
    context.output.print({ job }, () => jobLine(job));
    return 0;
  }
  const detail = await detailOf(context, slurmIdOf(id), flags.cluster);
  context.output.print({ detail }, () => describeDetail(detail));
  return 0;
}

export function slurmIdOf(text: string): string {
  if (!/^\d{1,12}(?:_\d{1,7})?$/.test(text)) throw new UsageError(`${JSON.stringify(text.slice(0, 40))} is not a job id (sd-… for the app's jobs, or a Slurm id such as 123 or 123_4).`);
  return text;
}

/** hold, release, requeue, and cancel of Slurm ids: one call per cluster, each job's outcome printed. */
export async function controlCommand(context: CommandContext, action: QueueAction, ids: readonly string[], flags: { cluster?: string; signal?: string }): Promise<number> {
  if (ids.length === 0) throw new UsageError(`${action} needs at least one job id.`);
  let signal;
  if (flags.signal !== undefined) {
    const parsed = JobSignalSchema.safeParse(flags.signal.toUpperCase().replace(/^SIG/, ''));
    if (!parsed.success) throw new UsageError(`--signal is one of ${JobSignalSchema.options.join(', ')}; not ${JSON.stringify(flags.signal)}.`);
    signal = parsed.data;
  }
  const byCluster = new Map<string, string[]>();
  for (const id of ids) {
    const slurmId = slurmIdOf(id);
    const cluster = await clusterOfJob(context, slurmId, flags.cluster, (candidate) => knows(context, candidate, slurmId));
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), slurmId]);
  }
  const outcomes: { cluster: string; slurmId: string; ok: boolean; message: string | null }[] = [];
  for (const [cluster, slurmIds] of byCluster) {
    const answer = await call(context, 'queue.control', { cluster, slurmIds, action, ...(signal ? { signal } : {}) });
    outcomes.push(...answer.outcomes.map((outcome) => ({ cluster, ...outcome })));
  }
  const verb = signal ? `Sent SIG${signal} to` : { cancel: 'Cancel requested:', hold: 'Held', release: 'Released', requeue: 'Requeued' }[action];
  context.output.print({ outcomes }, () =>
    outcomes.map((outcome) => (outcome.ok ? `${verb} ${shown(outcome.slurmId)} (${shown(outcome.cluster)})` : `Not done: ${shown(outcome.slurmId)} (${shown(outcome.cluster)}): ${shown(outcome.message ?? '')}`)).join('\n'),
  );
  return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
}

export type UpdateFlags = { cluster?: string; time?: string; name?: string; partition?: string; dependency?: string; nice?: string };

export async function updateCommand(context: CommandContext, id: string, flags: UpdateFlags): Promise<number> {
  const slurmId = slurmIdOf(id);
  const nice = flags.nice === undefined ? undefined : /^\d+$/.test(flags.nice) ? Number(flags.nice) : Number.NaN;
  if (Number.isNaN(nice)) throw new UsageError(`--nice takes a whole number from 0 to 10000, not ${JSON.stringify(flags.nice)}.`);
  const changes = {
    ...(flags.time !== undefined ? { timeLimit: flags.time } : {}),
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(flags.partition !== undefined ? { partition: flags.partition } : {}),
    ...(flags.dependency !== undefined ? { dependency: flags.dependency } : {}),
    ...(nice !== undefined ? { nice } : {}),
  };
  if (Object.keys(changes).length === 0) throw new UsageError('update needs at least one of --time, --name, --partition, --dependency, --nice.');
  const cluster = await clusterOfJob(context, slurmId, flags.cluster, (candidate) => knows(context, candidate, slurmId));
  const outcome = await call(context, 'queue.update', { cluster, slurmId, changes });
  context.output.print({ cluster, ...outcome }, () => (outcome.ok ? `Updated ${shown(slurmId)} (${shown(cluster)})` : `Not updated: ${shown(slurmId)} (${shown(cluster)}): ${shown(outcome.message ?? '')}`));
  return outcome.ok ? 0 : 1;
}

/** `slurmdesk logs` for a job the app did not submit: its StdOut/StdErr where Slurm says they are. */
export async function foreignLogsCommand(context: CommandContext, id: string, flags: { cluster?: string; stderr: boolean; follow: boolean; raw: boolean }): Promise<number> {
  const slurmId = slurmIdOf(id);
  const cluster = await clusterOfJob(context, slurmId, flags.cluster, (candidate) => knows(context, candidate, slurmId));
  const stream = flags.stderr ? ('stderr' as const) : ('stdout' as const);
  let chunk = await call(context, 'queue.logs', { cluster, slurmId, stream, tail: true, length: 64 * 1024 });
  if (context.output.json && !flags.follow) {
    context.output.print({ cluster, ...chunk }, () => '');
    return 0;
  }
  context.output.data(new TextEncoder().encode(chunk.text), flags);
  while (flags.follow) {
    chunk = await call(context, 'queue.logs', { cluster, slurmId, stream, offset: chunk.nextOffset, length: 1024 * 1024 });
    context.output.data(new TextEncoder().encode(chunk.text), flags);
    if (chunk.nextOffset >= chunk.size) {
      const detail = await call(context, 'queue.job', { cluster, slurmId });
      if (isTerminal(detail.state)) break;
      await sleep(1000);
    }
  }
  return 0;
}
