import { call } from './callMethod';
import { UsageError } from './cliErrors';
import type { CommandContext } from './commands';
import { shown } from './output';
import { clusterOfJob } from './queueClusters';
import { slurmIdOf } from './queueCommands';
import { describeEfficiency, nodeTable } from './queueOutput';

/** `slurmdesk efficiency ID...`: seff for any finished jobs of one cluster, in one sacct call. */
export async function efficiencyCommand(context: CommandContext, ids: readonly string[], flags: { cluster?: string }): Promise<number> {
  if (ids.length === 0) throw new UsageError('efficiency needs at least one job id.');
  const slurmIds = ids.map(slurmIdOf);
  const cluster = await clusterOfJob(context, slurmIds[0]!, flags.cluster, async (candidate) => {
    await call(context, 'queue.job', { cluster: candidate, slurmId: slurmIds[0]! });
    return true;
  });
  const answer = await call(context, 'queue.efficiency', { cluster, slurmIds });
  context.output.print({ cluster, ...answer }, () => {
    if (answer.accounting.state !== 'available') return `${shown(cluster)}: ${shown(answer.accounting.message ?? 'no accounting')}`;
    if (answer.jobs.length === 0) return `No finished job among ${slurmIds.join(', ')} on ${shown(cluster)} yet.`;
    return answer.jobs.map((job) => describeEfficiency(job.slurmId, job.efficiency)).join('\n');
  });
  return answer.accounting.state === 'available' ? 0 : 1;
}

/** `slurmdesk nodes`: the cluster's nodes with their state, reason and what is free. */
export async function nodesCommand(context: CommandContext, flags: { cluster?: string; partition?: string }): Promise<number> {
  const cluster = flags.cluster ?? 'local';
  const answer = await call(context, 'queue.nodes', { cluster, ...(flags.partition ? { partition: flags.partition } : {}) });
  context.output.print({ cluster, ...answer }, () => (answer.availability.available ? nodeTable(answer.nodes) : shown(answer.availability.message ?? 'Not available here.')));
  return answer.availability.available ? 0 : 1;
}
