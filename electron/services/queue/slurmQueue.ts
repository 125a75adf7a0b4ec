import { AppError } from '../../../shared/errors';
import type { Fairshare, JobPriority, NodeInfo, Reservation } from '../../../shared/queue/clusterResources';
import type { ControlOutcome, JobSignal, QueueAction, QueueUpdate } from '../../../shared/queue/queueControl';
import type { CommandResult, CommandRunner } from '../backends/types';
import { commandError, slurmMessages } from '../slurm/slurmErrors';
import { checkedSlurmJobIds } from '../slurm/slurmJobIds';
import { accountingDisabled, sacctAllStates } from '../slurm/slurmScheduler';
import type { ClusterQueue, HistoryRead, Unavailable } from './clusterQueue';
import { parseJobDetail, type JobDetailFields } from './parseJobDetail';
import { parseNodes, parseReservations, parseSprio, parseSshare, sprioFormat, sshareFields } from './parseClusterResources';
import { parseQueueRows, queueRowFormat, type QueueRow } from './parseQueueRows';
import { parseSacctHistory, sacctHistoryFields, type HistoryRow } from './parseSacctHistory';
import { updateArguments } from './updateArguments';

export const noAccountingMessage =
  'This cluster keeps no job accounting (no slurmdbd), so finished jobs, their history and their efficiency are not available; jobs still in the queue are shown as usual.';

const historyStart = { today: 'today', '7d': 'now-7days', '30d': 'now-30days' } as const;
const invalidJobId = /Invalid job id specified/i;

/**
 * The queue views over Slurm's own tools. Every id is validated before it reaches an argv (and the
 * SSH runner quotes every word); the user's own jobs come from `squeue --me`, so the same call
 * answers for jobs of this app, of a terminal sbatch and of any other tool.
 */
export class SlurmQueue implements ClusterQueue {
  readonly kind = 'slurm';
  #commands = 0;

  constructor(
    private readonly runner: CommandRunner,
    private readonly timeoutMs = 60_000,
  ) {}

  get commandCount(): number {
    return this.#commands;
  }

  /** One squeue for every job of the person, array tasks one per row. */
  async mine(): Promise<QueueRow[]> {
    const result = await this.#run(['squeue', '--me', '-h', '-r', '-o', queueRowFormat]);
    if (result.exitCode !== 0) throw commandError('squeue', result);
    return parseQueueRows(result.stdout);
  }

  /**
   * Jobs with any activity since the start of the read (`-s` every state: also jobs cancelled while
   * pending, which a plain time window misses), steps included for MaxRSS.
   */
  async history(read: HistoryRead): Promise<HistoryRow[] | Unavailable> {
    const start = 'window' in read ? historyStart[read.window] : `now-${Math.max(1, Math.ceil(read.seconds))}seconds`;
    return this.#sacct(['-S', start, '-E', 'now', '-s', sacctAllStates]);
  }

  async efficiency(slurmIds: readonly string[]): Promise<HistoryRow[] | Unavailable> {
    const ids = checkedSlurmJobIds(slurmIds);
    const rows = await this.#sacct(['-j', ids.join(',')]);
    if ('unavailable' in rows) return rows;
    const wanted = new Set(ids);
    return rows.filter((row) => wanted.has(row.slurmId) || wanted.has(row.jobId));
  }

  async detail(slurmId: string): Promise<JobDetailFields | null> {
    const [id] = checkedSlurmJobIds([slurmId]);
    const result = await this.#run(['scontrol', 'show', 'job', '-o', id!]);
    if (result.exitCode !== 0) {
      if (invalidJobId.test(result.stderr)) return null;
      throw commandError('scontrol', result);
    }
    return parseJobDetail(result.stdout);
  }

  async control(action: QueueAction, slurmIds: readonly string[], signal: JobSignal | undefined): Promise<ControlOutcome[]> {
    const ids = checkedSlurmJobIds(slurmIds);
    if (signal !== undefined && action !== 'cancel') throw new AppError('invalid-params', 'A signal goes only with cancel.');
    const argv =
      action === 'cancel'
        ? // --full: the batch shell gets the signal too, as `kill` on the script would.
          ['scancel', ...(signal === undefined ? [] : [`--signal=${signal}`, '--full']), ...ids]
        : // uhold: a hold the owner may release, even when an operator (or root) asks for it.
          ['scontrol', action === 'hold' ? 'uhold' : action, ids.join(',')];
    const result = await this.#run(argv);
    return outcomesPerJob(argv[0]!, ids, result);
  }

  async update(slurmId: string, changes: QueueUpdate): Promise<ControlOutcome> {
    const [id] = checkedSlurmJobIds([slurmId]);
    const result = await this.#run(['scontrol', 'update', `JobId=${id!}`, ...updateArguments(changes)]);
    return outcomesPerJob('scontrol', [id!], result)[0]!;
  }

  async nodes(partition: string | undefined): Promise<NodeInfo[]> {
    const result = await this.#run(['scontrol', 'show', 'node', '-o']);
    if (result.exitCode !== 0) throw commandError('scontrol', result);
    const nodes = parseNodes(result.stdout);
    return partition === undefined ? nodes : nodes.filter((node) => node.partitions.includes(partition));
  }

  async reservations(): Promise<Reservation[]> {
    const result = await this.#run(['scontrol', 'show', 'reservation', '-o']);
    if (result.exitCode !== 0) throw commandError('scontrol', result);
    return parseReservations(result.stdout);
  }

  /** sprio needs the multifactor priority plugin; with priority/basic it says so and this says why. */
  async priority(): Promise<JobPriority[] | Unavailable> {
    const result = await this.#run(['sprio', '-h', '-o', sprioFormat]);
    if (result.exitCode !== 0) {
      const said = slurmMessages(result.stderr).join('; ');
      if (/priority\/basic|not running a supported priority plugin/i.test(said + result.stdout)) {
        return { unavailable: 'This cluster orders jobs by submission time only (priority/basic): there are no priority parts to show.' };
      }
      throw commandError('sprio', result);
    }
    return parseSprio(result.stdout);
  }

  async fairshare(): Promise<Fairshare[] | Unavailable> {
    const result = await this.#run(['sshare', '-P', '-n', '-o', sshareFields]);
    if (result.exitCode !== 0) {
      if (/slurmdbd|accounting|association/i.test(result.stderr)) return { unavailable: 'Fairshare needs job accounting, which this cluster does not keep.' };
      throw commandError('sshare', result);
    }
    const shares = parseSshare(result.stdout);
    return shares.length === 0 ? { unavailable: 'The cluster reports no fairshare for your accounts.' } : shares;
  }

  async partition(name: string): Promise<QueueRow[]> {
    // The name passed PartitionSchema (letters, digits, _ . -): one argv word, nothing to split.
    const result = await this.#run(['squeue', '-h', '-p', name, '-o', queueRowFormat]);
    if (result.exitCode !== 0) throw commandError('squeue', result);
    return parseQueueRows(result.stdout);
  }

  async #sacct(selection: string[]): Promise<HistoryRow[] | Unavailable> {
    const result = await this.#run(['sacct', '-P', '-n', ...selection, '-o', sacctHistoryFields]);
    if (result.exitCode === 0) return parseSacctHistory(result.stdout);
    if (accountingDisabled.test(result.stderr + result.stdout)) return { unavailable: noAccountingMessage };
    throw commandError('sacct', result);
  }

  async #run(argv: string[]): Promise<CommandResult> {
    this.#commands += 1;
    return this.runner.run(argv, { timeoutMs: this.timeoutMs });
  }
}

/**
 * One command acted on many jobs; its stderr names the ones it could not act on (`… for job 12`,
 * `… on job id 12_3: …`). Those fail with Slurm's words, the rest succeeded. A failure naming no
 * job fails them all.
 */
export function outcomesPerJob(command: string, ids: readonly string[], result: CommandResult): ControlOutcome[] {
  const messages = slurmMessages(result.stderr);
  const failures = new Map<string, string>();
  const unattributed: string[] = [];
  for (const message of messages) {
    const named = ids.filter((id) => new RegExp(`\\b(?:job(?: id)?|JobId=)\\s*${id}\\b`, 'i').test(message));
    if (named.length === 0) unattributed.push(message);
    for (const id of named) failures.set(id, message);
  }
  const everyone = result.exitCode !== 0 && failures.size === 0 ? unattributed.join('; ') || `${command} failed with exit code ${result.exitCode}` : null;
  return ids.map((slurmId) => {
    const message = failures.get(slurmId) ?? everyone;
    return { slurmId, ok: message === null, message };
  });
}
