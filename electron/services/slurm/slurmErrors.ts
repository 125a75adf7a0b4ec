import { type CommandResult, SchedulerError } from '../backends/types';

/**
 * Turns a failed Slurm command into the error the person sees. "Cannot reach the controller" is a
 * state of the connection (the engine keeps jobs as they were and retries), anything else is
 * Slurm refusing the request, reported in Slurm's own words.
 */
const unreachablePatterns = [
  /Unable to contact slurm controller/i,
  /Socket timed out on send\/recv/i,
  /Zero Bytes were transmitted or received/i,
  /Communication connection failure/i,
  /Connection refused/i,
  /Problem talking to the database/i,
  /backup controller in standby mode/i,
];

export function isUnreachable(text: string): boolean {
  return unreachablePatterns.some((pattern) => pattern.test(text));
}

/** Slurm's own lines from stderr, without the `sbatch: error: ` prefixes and the usage hint. */
export function slurmMessages(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Try ".*--help"/.test(line))
    .map((line) => line.replace(/^[a-z_]+: (?:error|fatal): /, '').replace(/^[a-z_]+: /, ''))
    .filter((line, index, lines) => lines.indexOf(line) === index);
}

export function commandError(command: string, result: CommandResult): SchedulerError {
  const messages = slurmMessages(result.stderr);
  const said = messages.length > 0 ? messages.join('; ') : `exit code ${result.exitCode} and no message`;
  if (isUnreachable(result.stderr)) {
    return new SchedulerError('scheduler-unreachable', `${command} could not reach the Slurm controller: ${said}`);
  }
  return new SchedulerError('scheduler-rejected', `${command} failed: ${said}`);
}
