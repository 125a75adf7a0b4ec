import { type CommandResult, SchedulerError } from '../backends/types';
import { isUnreachable, slurmMessages } from './slurmErrors';

/**
 * `sbatch --parsable` prints `123`, or `123;cluster` on a multi-cluster setup. Warnings go to
 * stderr, so stdout holds only the id; a last-line match still tolerates a chatty site wrapper.
 */
export function parseSbatchJobId(stdout: string): string {
  const lines = stdout.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const match = /^(\d{1,12})(?:;[A-Za-z0-9_.-]+)?$/.exec(lines.at(-1) ?? '');
  if (!match) {
    throw new SchedulerError('scheduler-output', `sbatch accepted the job but printed no job id: "${stdout.trim().slice(0, 200)}"`);
  }
  return match[1]!;
}

/**
 * A refused submission, naming what Slurm objected to: `sbatch: error: invalid partition specified:
 * nope` then `…Batch job submission failed: Invalid partition name specified` becomes one message
 * with both lines, the specific one first.
 */
export function sbatchError(result: CommandResult): SchedulerError {
  const messages = slurmMessages(result.stderr).filter((line) => !/^warning: /i.test(line));
  const said = messages.length > 0 ? messages.join('; ') : `sbatch exited with code ${result.exitCode} and no message`;
  if (isUnreachable(result.stderr)) {
    return new SchedulerError('scheduler-unreachable', `The job was not submitted: sbatch could not reach the Slurm controller (${said})`);
  }
  return new SchedulerError('scheduler-rejected', `Slurm refused the job: ${said}`);
}

/** The job id from a finished sbatch run, or the error that explains why there is none. */
export function parseSbatch(result: CommandResult): string {
  if (result.exitCode !== 0) throw sbatchError(result);
  return parseSbatchJobId(result.stdout);
}
