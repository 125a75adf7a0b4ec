import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { CommandContext } from './commands';

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Every cluster a person may have jobs on: those the app has jobs on, Slurm on this computer when
 * it is installed, and the saved SSH clusters. This computer comes last: it only runs the app's jobs.
 */
export function everyCluster(context: CommandContext): string[] {
  const clusters = new Set<string>();
  if (onPath('squeue')) clusters.add('local');
  for (const profile of context.services.profiles.list().profiles) clusters.add(profile.name);
  for (const record of context.services.engine.journal.all()) clusters.add(record.cluster);
  clusters.delete('embedded');
  return [...clusters, 'embedded'];
}

/**
 * The cluster a Slurm id belongs to: the one named with --cluster, else the cluster of the app's
 * job with that id, else the first cluster whose Slurm knows it.
 */
export async function clusterOfJob(context: CommandContext, slurmId: string, named: string | undefined, knows: (cluster: string) => Promise<boolean>): Promise<string> {
  if (named !== undefined) return named;
  const own = [...context.services.engine.journal.all()].find((record) => record.slurmId === slurmId.split('_')[0]);
  if (own) return own.cluster;
  for (const cluster of everyCluster(context)) {
    if (await knows(cluster).catch(() => false)) return cluster;
  }
  throw new AppError('job-not-found', `No cluster knows job ${slurmId} (looked at ${everyCluster(context).join(', ')}); name one with --cluster.`);
}
