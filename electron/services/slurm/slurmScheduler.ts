import type { PartitionOverview } from '../../../shared/clusters/partitionOverview';
import type { CommandResult, CommandRunner, FinalEntry, QueueEntry, Scheduler, SubmitRequest } from '../backends/types';
import { findInSacctComments, parseSacct, sacctCommentFields, sacctFields } from './parseSacct';
import { parseSbatch } from './parseSbatch';
import { parseScontrol } from './parseScontrol';
import { parseSinfo, sinfoArgv } from './parseSinfo';
import { findInSqueueComments, parseSqueue, squeueCommentFormat, squeueFormat } from './parseSqueue';
import { sbatchDirectives } from './sbatchDirectives';
import { commandError } from './slurmErrors';
import { checkedSlurmJobIds } from './slurmJobIds';
import { checkedScriptPath } from './scriptPath';

export type SlurmSchedulerOptions = {
  /** Per-command limit; a controller that does not answer is "unreachable", not a failed job. */
  timeoutMs?: number;
  /** How far back sacct looks when it cannot be given ids: findByComment (crash recovery is about recent submissions), very long id lists. */
  sacctWindowDays?: number;
};

/** Where final states come from: unknown until the first sacct call tells us. */
export type AccountingMode = 'unknown' | 'sacct' | 'scontrol';

// A comma list longer than this goes to `--me` instead of -j: one argv word must stay under
// Linux's 128 KiB MAX_ARG_STRLEN, and an SSH command line under what sshd and the shell accept.
const maxIdListChars = 32_000;
// `-s` makes sacct list jobs that were in these states in the window, including ones cancelled
// while pending (no eligible time, so plain -S/-E misses them). CF is refused by 22.05's sacct.
export const sacctAllStates = 'PD,R,CD,F,CA,TO,OOM,NF,PR,BF,DL,RQ,RS,RV,S';
const invalidJobId = /Invalid job id specified/i;
export const accountingDisabled = /accounting storage is disabled/i;

/**
 * Slurm through its command-line tools, over any CommandRunner (local execFile or SSH). Every
 * method issues a fixed, small number of commands whatever the number of jobs, counted in
 * `commandCount`, and every id is validated before it reaches an argv.
 */
export class SlurmScheduler implements Scheduler {
  #commands = 0;
  #accounting: AccountingMode = 'unknown';
  readonly #runner: CommandRunner;
  readonly #timeoutMs: number;
  readonly #sacctWindowDays: number;

  constructor(runner: CommandRunner, options: SlurmSchedulerOptions = {}) {
    this.#runner = runner;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#sacctWindowDays = options.sacctWindowDays ?? 7;
  }

  get commandCount(): number {
    return this.#commands;
  }

  /** 'unknown' until settle or findByComment first ran sacct; then fixed for this instance. */
  get accountingMode(): AccountingMode {
    return this.#accounting;
  }

  async submit(request: SubmitRequest, signal?: AbortSignal): Promise<string> {
    const argv = ['sbatch', '--parsable', ...sbatchDirectives(request), checkedScriptPath(request.scriptPath)];
    return parseSbatch(await this.#run(argv, signal));
  }

  /**
   * Jobs still pending or running (squeue's default states, no `-t all`): whatever is absent has
   * left the queue and is for settle(). Array tasks come one per entry (`-r`).
   */
  async queue(jobIds: readonly string[]): Promise<QueueEntry[]> {
    const ids = checkedSlurmJobIds(jobIds);
    if (ids.length === 0) return [];
    const list = ids.join(',');
    if (list.length > maxIdListChars) return this.#queueOfMine(ids);
    const result = await this.#run(['squeue', '-h', '-r', '-j', list, '-o', squeueFormat]);
    if (result.exitCode === 0) return parseSqueue(result.stdout);
    if (!invalidJobId.test(result.stderr)) throw commandError('squeue', result);
    // 22.05 fails a single id it no longer knows (a list of unknown ids only prints nothing):
    // for one id that simply means "not queued". Older releases fail the whole list when any id
    // is unknown; then the person's own queue, filtered here, answers instead.
    if (ids.length === 1) return [];
    return this.#queueOfMine(ids);
  }

  /**
   * Final states from sacct when the cluster keeps accounting, else from scontrol (which forgets a
   * job MinJobAge after it ends). Entries may still be non-terminal: sacct can show a placeholder
   * for a second or two after a job ends, and a job may be asked about while it still runs.
   */
  async settle(jobIds: readonly string[]): Promise<FinalEntry[]> {
    const ids = checkedSlurmJobIds(jobIds);
    if (ids.length === 0) return [];
    if (this.#accounting !== 'scontrol') {
      const fromSacct = await this.#settleFromSacct(ids);
      if (fromSacct !== null) return fromSacct;
    }
    return this.#settleFromScontrol(ids);
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    const ids = checkedSlurmJobIds(jobIds);
    if (ids.length === 0) return;
    const result = await this.#run(['scancel', ...ids]);
    // A job that already ended is what cancel wanted; only other failures are errors.
    const otherErrors = result.stderr
      .split('\n')
      .filter((line) => line.trim() !== '' && !invalidJobId.test(line) && !/already completing or completed/i.test(line));
    if (result.exitCode !== 0 && otherErrors.length > 0) throw commandError('scancel', result);
  }

  async findByComment(comment: string): Promise<string | null> {
    if (comment === '') return null;
    const queued = await this.#run(['squeue', '-h', '--me', '-t', 'all', '-o', squeueCommentFormat]);
    if (queued.exitCode !== 0) throw commandError('squeue', queued);
    const found = findInSqueueComments(queued.stdout, comment);
    if (found !== null || this.#accounting === 'scontrol') return found;

    const window = `now-${this.#sacctWindowDays}days`;
    const argv = ['sacct', '-P', '-n', '-X', '-S', window, '-E', 'now', '-s', sacctAllStates, '-o', sacctCommentFields];
    const accounted = await this.#run(argv);
    if (accounted.exitCode === 0) {
      this.#accounting = 'sacct';
      return findInSacctComments(accounted.stdout, comment);
    }
    if (accountingDisabled.test(accounted.stderr + accounted.stdout)) {
      this.#accounting = 'scontrol';
      return null;
    }
    throw commandError('sacct', accounted);
  }

  async overview(): Promise<PartitionOverview[]> {
    const result = await this.#run([...sinfoArgv]);
    if (result.exitCode !== 0) throw commandError('sinfo', result);
    return parseSinfo(result.stdout);
  }

  async #queueOfMine(ids: readonly string[]): Promise<QueueEntry[]> {
    const result = await this.#run(['squeue', '-h', '-r', '--me', '-o', squeueFormat]);
    if (result.exitCode !== 0) throw commandError('squeue', result);
    const wanted = new Set(ids);
    return parseSqueue(result.stdout).filter((entry) => wanted.has(entry.jobId) || wanted.has(entry.slurmId));
  }

  /** Null when this cluster has no accounting (learnt once; scontrol from then on). */
  async #settleFromSacct(ids: readonly string[]): Promise<FinalEntry[] | null> {
    const list = ids.join(',');
    // Beyond one argv word, ask for the whole recent window and filter here.
    const selection = list.length > maxIdListChars ? ['-S', `now-${this.#sacctWindowDays}days`, '-E', 'now', '-s', sacctAllStates] : ['-j', list];
    const result = await this.#run(['sacct', '-P', '-n', '-X', ...selection, '-o', sacctFields]);
    if (result.exitCode === 0) {
      this.#accounting = 'sacct';
      return keepWanted(parseSacct(result.stdout), ids);
    }
    // sacct says so on stdout or stderr depending on the release; either way it is final.
    if (accountingDisabled.test(result.stderr + result.stdout)) {
      this.#accounting = 'scontrol';
      return null;
    }
    throw commandError('sacct', result);
  }

  async #settleFromScontrol(ids: readonly string[]): Promise<FinalEntry[]> {
    // One id (an array's id covers all its tasks) can be asked for alone: far less output than
    // every job the controller holds.
    const single = ids.length === 1 && !ids[0]!.includes('_') ? ids[0]! : null;
    const result = await this.#run(single === null ? ['scontrol', 'show', 'job', '-o'] : ['scontrol', 'show', 'job', '-o', single]);
    if (result.exitCode !== 0) {
      if (single !== null && invalidJobId.test(result.stderr)) return [];
      throw commandError('scontrol', result);
    }
    return keepWanted(parseScontrol(result.stdout), ids);
  }

  async #run(argv: string[], signal?: AbortSignal): Promise<CommandResult> {
    this.#commands += 1;
    return this.#runner.run(argv, signal === undefined ? { timeoutMs: this.#timeoutMs } : { timeoutMs: this.#timeoutMs, signal });
  }
}

/** An id asks for the job, or for all tasks of the array with that id; a `123_4` id for that task. */
function keepWanted(entries: FinalEntry[], ids: readonly string[]): FinalEntry[] {
  const wanted = new Set(ids);
  return entries.filter((entry) => wanted.has(entry.jobId) || wanted.has(entry.slurmId));
}
