import { AppError } from '../../../shared/errors';

/**
 * Job ids reach argv (`squeue -j`, `scancel`, `--dependency`), and over SSH a remote shell, so each
 * one is checked against the only shapes Slurm prints: `123`, or `123_4` for one array task.
 */
const slurmJobIdPattern = /^\d{1,12}(?:_\d{1,7})?$/;

export function isSlurmJobId(text: string): boolean {
  return slurmJobIdPattern.test(text);
}

/** Returns the ids unchanged, or throws naming the first one that is not a Slurm job id. */
export function checkedSlurmJobIds(ids: readonly string[]): string[] {
  for (const id of ids) {
    if (!isSlurmJobId(id)) {
      throw new AppError('invalid-slurm-id', `"${id.slice(0, 40)}" is not a Slurm job id (digits, optionally _ and a task number)`);
    }
  }
  return [...new Set(ids)];
}
