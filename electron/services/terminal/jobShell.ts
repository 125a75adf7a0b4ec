import { AppError } from '../../../shared/errors';
import type { CommandRunner } from '../backends/types';
import { checkedSlurmJobIds } from '../slurm/slurmJobIds';

/** A job as the person named it: the app's id (sd-…) or a Slurm id on a given cluster. */
export type JobTarget = { cluster: string; slurmId: string; appId: string | null };

/** The app's own job (its cluster and Slurm id), or a raw Slurm id on `cluster`. */
export function resolveJob(ref: string, cluster: string | null, lookup: (id: string) => { cluster: string; slurmId: string | null }): JobTarget {
  if (ref.startsWith('sd-')) {
    const record = lookup(ref);
    if (!record.slurmId) throw new AppError('job-not-running', `Job ${ref} has no Slurm id yet: it was not submitted.`);
    return { cluster: record.cluster, slurmId: record.slurmId, appId: ref };
  }
  if (!cluster) throw new AppError('cluster-needed', `Job ${ref} is a Slurm id: say which cluster it runs on (--cluster).`);
  checkedSlurmJobIds([ref]);
  return { cluster, slurmId: ref, appId: null };
}

/** Where a running job is: its state and its nodes, one name each (Slurm's ranges expanded). */
export type JobPlacement = { state: string; nodes: string[] };

/** `squeue -h -j ID -o %T|%N`, then `scontrol show hostnames` when the list is a range. */
export async function jobPlacement(runner: CommandRunner, slurmId: string): Promise<JobPlacement | null> {
  const queued = await runner.run(['squeue', '-h', '-j', slurmId, '-o', '%T|%N'], { timeoutMs: 30_000 });
  const line = queued.stdout.split('\n').find((text) => text.includes('|'));
  if (queued.exitCode !== 0 || !line) return null;
  const [state = '', list = ''] = line.trim().split('|');
  if (list === '' || list === '(null)') return { state, nodes: [] };
  if (!/[[,]/.test(list)) return { state, nodes: [list] };
  const expanded = await runner.run(['scontrol', 'show', 'hostnames', list], { timeoutMs: 30_000 });
  return { state, nodes: expanded.stdout.split('\n').map((name) => name.trim()).filter(Boolean) };
}

/** The node asked for (it must be one of the job's), else the first: where srun runs the shell. */
export function chooseNode(placement: JobPlacement, slurmId: string, requested: string | null): string {
  if (placement.state !== 'RUNNING') {
    throw new AppError('job-not-running', `Job ${slurmId} is ${placement.state.toLowerCase() || 'not in the queue'}: a shell or forward can open inside it only while it runs.`);
  }
  const first = placement.nodes[0];
  if (!first) throw new AppError('job-not-running', `Slurm did not say which node job ${slurmId} runs on; try again in a moment.`);
  if (requested === null) return first;
  if (!placement.nodes.includes(requested)) {
    throw new AppError('node-not-in-job', `Job ${slurmId} runs on ${placement.nodes.join(', ')}, not on ${requested}.`);
  }
  return requested;
}

/**
 * A step beside the job's own (`--overlap`: it shares the job's CPUs instead of waiting for free
 * ones) with a pseudo-terminal, on one node. The shell word is left to the remote login shell's
 * `$SHELL`, everything else is argv.
 */
export function jobShellArgv(slurmId: string, node: string): string[] {
  checkedSlurmJobIds([slurmId]);
  return ['srun', `--jobid=${slurmId}`, '--overlap', '--pty', '--nodes=1', '--ntasks=1', `--nodelist=${node}`];
}

/** Which of `slurmIds` are running now: one squeue for all of them. */
export async function runningJobs(runner: CommandRunner, slurmIds: readonly string[]): Promise<Set<string>> {
  if (slurmIds.length === 0) return new Set();
  const result = await runner.run(['squeue', '-h', '-j', checkedSlurmJobIds(slurmIds).join(','), '-o', '%i|%T'], { timeoutMs: 30_000 });
  // squeue exits 1 with "Invalid job id specified" once every job has left the queue.
  if (result.exitCode !== 0 && !/invalid job id/i.test(result.stderr)) throw new AppError('scheduler-unreachable', `squeue failed: ${result.stderr.trim().slice(0, 200)}`);
  const running = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const [id, state] = line.trim().split('|');
    if (id && state === 'RUNNING') running.add(id);
  }
  return running;
}
